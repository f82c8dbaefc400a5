using FeedSync.Normalisation;

namespace FeedSync.Sync;

/// <summary>What one sync run should do.</summary>
public sealed record SyncRequest
{
    /// <summary><c>threatfox</c> for the live API, otherwise the path of a ThreatFox file.</summary>
    public string Source { get; init; } = "threatfox";

    /// <summary>For the live API, how many days back <c>get_iocs</c> reads, 1 to 7.</summary>
    public int Days { get; init; } = 1;

    /// <summary>Which indicators to keep.</summary>
    public IndicatorFilter Filter { get; init; } = IndicatorFilter.None;

    /// <summary>When true, the run computes and reports the plan without writing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>When true, the run applies removals above the safety threshold.</summary>
    public bool Force { get; init; }

    /// <summary>The time that expiry is evaluated at; null means the run's clock.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>When true, the report lists every planned change in <see cref="SyncReport.Changes"/>.</summary>
    public bool IncludeChanges { get; init; }

    /// <summary>An id that every log line and the stored summary of the run carry.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");
}
