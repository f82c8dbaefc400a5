using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// The aliases of the watchlists FeedSync manages: one per indicator group, <c>{prefix}-IP</c>,
/// <c>{prefix}-Domain</c>, <c>{prefix}-Url</c> and <c>{prefix}-FileHash</c> (every hash kind).
/// </summary>
public static class WatchlistAliases
{
    /// <summary>The default alias prefix.</summary>
    public const string DefaultPrefix = "ThreatFox";

    /// <summary>Returns the alias of the watchlist that holds indicators of <paramref name="kind"/>.</summary>
    public static string For(IndicatorKind kind, string prefix = DefaultPrefix) => $"{prefix}-{SuffixFor(kind)}";

    /// <summary>Returns the alias suffix of the watchlist that holds indicators of <paramref name="kind"/>.</summary>
    public static string SuffixFor(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ip => "IP",
        IndicatorKind.Domain => "Domain",
        IndicatorKind.Url => "Url",
        IndicatorKind.Md5 or IndicatorKind.Sha1 or IndicatorKind.Sha256 or IndicatorKind.Sha3_384 => "FileHash",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown indicator kind."),
    };
}
