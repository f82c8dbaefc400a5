namespace FeedSync.Normalisation;

/// <summary>
/// One record after validation and normalisation, before filtering and merging. It copies what the merged
/// indicator needs from the source record, so that the source record itself is not kept alive, and is a
/// struct so that normalising a million records allocates no object for it.
/// </summary>
internal readonly record struct NormalisedRecord
{
    public required IndicatorKind Kind { get; init; }

    public required string Value { get; init; }

    public int? Port { get; init; }

    /// <summary>The IOC as the source spelled it.</summary>
    public required string OriginalValue { get; init; }

    public long? ThreatFoxId { get; init; }

    public required MalwareFamily Family { get; init; }

    /// <summary>A one-element list of <see cref="Family"/>, shared by every record of the family.</summary>
    public required IReadOnlyList<MalwareFamily> Families { get; init; }

    public required string ThreatType { get; init; }

    public required int Confidence { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public string? Reference { get; init; }

    public string? Reporter { get; init; }

    /// <summary>The later of first and last seen: when the record last showed the IOC active.</summary>
    public DateTimeOffset LastActivity => LastSeen is { } lastSeen && lastSeen > FirstSeen ? lastSeen : FirstSeen;
}
