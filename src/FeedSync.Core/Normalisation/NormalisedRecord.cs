using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>One record after validation and normalisation, before filtering and merging.</summary>
internal sealed record NormalisedRecord
{
    public required IndicatorKind Kind { get; init; }

    public required string Value { get; init; }

    public int? Port { get; init; }

    public required ThreatFoxRecord Source { get; init; }

    public required MalwareFamily Family { get; init; }

    /// <summary>A one-element list of <see cref="Family"/>, shared by every record of the family.</summary>
    public required IReadOnlyList<MalwareFamily> Families { get; init; }

    public required string ThreatType { get; init; }

    public required int Confidence { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The later of first and last seen: when the record last showed the IOC active.</summary>
    public DateTimeOffset LastActivity => LastSeen is { } lastSeen && lastSeen > FirstSeen ? lastSeen : FirstSeen;
}
