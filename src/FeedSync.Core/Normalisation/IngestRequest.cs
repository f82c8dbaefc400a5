namespace FeedSync.Normalisation;

/// <summary>What one ingest run reads and keeps.</summary>
public sealed record IngestRequest
{
    /// <summary>The source name that selects the live ThreatFox API.</summary>
    public const string ThreatFoxSource = "threatfox";

    /// <summary><c>threatfox</c> for the live API (<c>get_iocs</c>), otherwise the path of a ThreatFox file.</summary>
    public string Source { get; init; } = ThreatFoxSource;

    /// <summary>For the live API, how many days back <c>get_iocs</c> reads, 1 to 7. Ignored for files.</summary>
    public int Days { get; init; } = 1;

    /// <summary>Which records to keep; the others are rejected with a <c>filtered_*</c> reason.</summary>
    public IndicatorFilter Filter { get; init; } = IndicatorFilter.None;

    /// <summary>The time <see cref="IndicatorFilter.MaxAge"/> is measured back from; null means the pipeline's clock.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>True when <see cref="Source"/> selects the live ThreatFox API.</summary>
    public bool IsThreatFoxApi => string.Equals(Source, ThreatFoxSource, StringComparison.OrdinalIgnoreCase);
}
