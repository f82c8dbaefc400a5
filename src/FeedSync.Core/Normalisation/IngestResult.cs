using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>
/// The outcome of one ingest run. Every record read is counted once, as accepted or rejected:
/// <see cref="Records"/> = <see cref="Accepted"/> + <see cref="Rejected"/>.
/// </summary>
public sealed record IngestResult
{
    /// <summary>The source as requested: <c>threatfox</c> or the file path.</summary>
    public required string Source { get; init; }

    /// <summary>The detected format of the source.</summary>
    public required ThreatFoxFeedFormat Format { get; init; }

    /// <summary>For a ZIP, the format of the file inside it; otherwise null.</summary>
    public ThreatFoxFeedFormat? ContainedFormat { get; init; }

    /// <summary>The time the maximum age was measured back from.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The records read.</summary>
    public required long Records { get; init; }

    /// <summary>The records that became (part of) an indicator.</summary>
    public required long Accepted { get; init; }

    /// <summary>The records rejected, each listed in <see cref="Rejects"/>.</summary>
    public required long Rejected { get; init; }

    /// <summary>Accepted records by indicator kind; the values add up to <see cref="Accepted"/>.</summary>
    public required IReadOnlyDictionary<IndicatorKind, long> ByKind { get; init; }

    /// <summary>Distinct indicators by kind, after merging; the values add up to the number of <see cref="Indicators"/>.</summary>
    public required IReadOnlyDictionary<IndicatorKind, long> IndicatorsByKind { get; init; }

    /// <summary>Rejected records by reason code (<see cref="RejectReasons"/>); the values add up to <see cref="Rejected"/>.</summary>
    public required IReadOnlyDictionary<string, long> RejectReasons { get; init; }

    /// <summary>The malware families of the accepted indicators, most indicators first.</summary>
    public required IReadOnlyList<FamilySummary> Families { get; init; }

    /// <summary>The accepted indicators, merged, in the order their values first appear in the source.</summary>
    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>Every rejected record, in source order, with its reason code and raw value.</summary>
    public required IReadOnlyList<IngestReject> Rejects { get; init; }

    /// <summary>IOC types FeedSync does not know, with the number of records (all rejected) that had them.</summary>
    public required IReadOnlyDictionary<string, long> UnknownIocTypes { get; init; }

    /// <summary>Threat types FeedSync does not know, with the number of records that had them; such records are accepted.</summary>
    public required IReadOnlyDictionary<string, long> UnknownThreatTypes { get; init; }

    /// <summary>
    /// Corrections made while normalising, with the number of records: <c>refanged</c> and
    /// <c>last_seen_before_first_seen</c> (first and last seen swapped).
    /// </summary>
    public required IReadOnlyDictionary<string, long> Corrections { get; init; }
}
