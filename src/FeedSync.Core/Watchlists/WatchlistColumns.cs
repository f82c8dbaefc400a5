namespace FeedSync.Watchlists;

/// <summary>
/// The columns of every FeedSync watchlist. KQL reads them through <c>_GetWatchlist('alias')</c>, which also
/// exposes the search-key column's value as <c>SearchKey</c>.
/// </summary>
public static class WatchlistColumns
{
    /// <summary>The search key: the IP address (without port), domain, URL or hash.</summary>
    public const string Indicator = "Indicator";

    /// <summary>The indicator kind: <c>ip</c>, <c>domain</c>, <c>url</c>, <c>md5</c>, <c>sha1</c>, <c>sha256</c> or <c>sha3_384</c>.</summary>
    public const string IndicatorType = "IndicatorType";

    /// <summary>The port of an IP indicator, or empty.</summary>
    public const string Port = "Port";

    /// <summary>The ThreatFox malware ids, such as <c>win.remcos</c>, separated by <see cref="ListSeparator"/>.</summary>
    public const string MalwareIds = "MalwareIds";

    /// <summary>The printable malware names, such as <c>Remcos</c>, separated by <see cref="ListSeparator"/>.</summary>
    public const string Malware = "Malware";

    /// <summary>The ThreatFox threat type, such as <c>botnet_cc</c>.</summary>
    public const string ThreatType = "ThreatType";

    /// <summary>The ThreatFox confidence level, 0 to 100.</summary>
    public const string Confidence = "Confidence";

    /// <summary>The first-seen time in UTC, ISO 8601.</summary>
    public const string FirstSeen = "FirstSeen";

    /// <summary>The last activity in UTC, ISO 8601, rounded down to the configured granularity.</summary>
    public const string LastSeen = "LastSeen";

    /// <summary>When the row leaves the watchlist, in UTC, ISO 8601, at the configured granularity.</summary>
    public const string ExpiresOn = "ExpiresOn";

    /// <summary>The ThreatFox tags, separated by <see cref="ListSeparator"/>.</summary>
    public const string Tags = "Tags";

    /// <summary>The reference URL the reporter gave.</summary>
    public const string Reference = "Reference";

    /// <summary>The ThreatFox IOC ids, separated by <see cref="ListSeparator"/>.</summary>
    public const string ThreatFoxIds = "ThreatFoxIds";

    /// <summary>The marker of rows that FeedSync manages; its value is <see cref="ManagedByValue"/>.</summary>
    public const string ManagedBy = "ManagedBy";

    /// <summary>The deterministic id of the indicator (a name-based UUID of its identity).</summary>
    public const string IndicatorId = "IndicatorId";

    /// <summary>The value of <see cref="ManagedBy"/> on rows that FeedSync manages.</summary>
    public const string ManagedByValue = "FeedSync";

    /// <summary>The separator of list columns.</summary>
    public const string ListSeparator = ";";

    /// <summary>The columns in the order FeedSync writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Indicator, IndicatorType, Port, MalwareIds, Malware, ThreatType, Confidence, FirstSeen, LastSeen,
        ExpiresOn, Tags, Reference, ThreatFoxIds, ManagedBy, IndicatorId,
    ];
}
