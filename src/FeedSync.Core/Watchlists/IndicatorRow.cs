using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// The typed content of one managed watchlist row: what FeedSync stores for an indicator, with its times
/// already rounded to the configured granularity.
/// </summary>
public sealed record IndicatorRow
{
    /// <summary>The deterministic id of the indicator, see <see cref="IndicatorIds"/>.</summary>
    public required Guid IndicatorId { get; init; }

    /// <summary>The indicator kind.</summary>
    public required IndicatorKind Kind { get; init; }

    /// <summary>The search key: the IP address without port, domain, URL or hash.</summary>
    public required string Value { get; init; }

    /// <summary>The port of an IP indicator, when known.</summary>
    public int? Port { get; init; }

    /// <summary>The malware families, first the one the row was first written with.</summary>
    public required IReadOnlyList<MalwareFamily> Families { get; init; }

    /// <summary>The ThreatFox threat type.</summary>
    public required string ThreatType { get; init; }

    /// <summary>The ThreatFox confidence level, 0 to 100.</summary>
    public required int Confidence { get; init; }

    /// <summary>The first-seen time in UTC, to the second.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last activity in UTC, rounded down to the granularity.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The time the row expires, in UTC, at the granularity.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>The ThreatFox tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The reference URL, when given.</summary>
    public string? Reference { get; init; }

    /// <summary>The ThreatFox IOC ids, ascending.</summary>
    public IReadOnlyList<long> ThreatFoxIds { get; init; } = [];
}
