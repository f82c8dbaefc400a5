namespace FeedSync.Normalisation;

/// <summary>
/// One normalised indicator of compromise, merged from every feed record with the same
/// <see cref="Kind"/>, canonical <see cref="Value"/> and <see cref="Port"/>.
/// </summary>
/// <remarks>
/// A value reported under several malware families stays one indicator that lists every
/// family, so that the watchlist holds it once and the hunting content of each family finds it.
/// </remarks>
public sealed record Indicator
{
    /// <summary>The indicator type.</summary>
    public required IndicatorKind Kind { get; init; }

    /// <summary>The canonical value: the address without port for <see cref="IndicatorKind.Ip"/>.</summary>
    public required string Value { get; init; }

    /// <summary>The port of an <see cref="IndicatorKind.Ip"/> indicator, when the feed gave one.</summary>
    public int? Port { get; init; }

    /// <summary>The value as the first contributing record spelled it, before refanging.</summary>
    public required string OriginalValue { get; init; }

    /// <summary>
    /// The Unicode form of a domain whose canonical <see cref="Value"/> holds punycode labels
    /// (<c>xn--...</c>), for display; null otherwise.
    /// </summary>
    public string? DisplayValue { get; init; }

    /// <summary>Every family the indicator was reported under; the first is the primary family.</summary>
    public required IReadOnlyList<MalwareFamily> Families { get; init; }

    /// <summary>
    /// The primary family: that of the highest-ranked record (a named family before <c>unknown</c>, then the
    /// highest confidence, the earliest first seen, the lowest ThreatFox id).
    /// </summary>
    public MalwareFamily Family => Families.Count > 0 ? Families[0] : MalwareFamily.Unknown;

    /// <summary>The ThreatFox threat type, such as <c>botnet_cc</c> or <c>payload_delivery</c>.</summary>
    public required string ThreatType { get; init; }

    /// <summary>The ThreatFox confidence level, 0 to 100.</summary>
    public required int Confidence { get; init; }

    /// <summary>The earliest first-seen time of the contributing records, in UTC.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>The latest last-seen time of the contributing records, in UTC, when any record had one.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The union of the contributing records' tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The reference URL of the primary record, when given.</summary>
    public string? Reference { get; init; }

    /// <summary>The reporter of the primary record, when given.</summary>
    public string? Reporter { get; init; }

    /// <summary>The ThreatFox IOC ids of every contributing record, ascending.</summary>
    public IReadOnlyList<long> ThreatFoxIds { get; init; } = [];

    /// <summary>The last time the indicator was active: <see cref="LastSeen"/>, else <see cref="FirstSeen"/>.</summary>
    public DateTimeOffset LastActivity => LastSeen ?? FirstSeen;

    /// <summary>The identity that de-duplication and watchlist item ids use: kind, value and port.</summary>
    public string IdentityKey => Port is { } port
        ? $"{Kind.ToString().ToLowerInvariant()}|{Value}|{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : $"{Kind.ToString().ToLowerInvariant()}|{Value}";
}
