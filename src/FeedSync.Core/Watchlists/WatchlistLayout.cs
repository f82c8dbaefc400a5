using FeedSync.Normalisation;
using FeedSync.Workspace;

namespace FeedSync.Watchlists;

/// <summary>
/// The watchlists FeedSync manages: one per indicator group (IP, domain, URL, file hash), each keyed on
/// <see cref="WatchlistColumns.Indicator"/>.
/// </summary>
public static class WatchlistLayout
{
    /// <summary>The provider name set on every managed watchlist.</summary>
    public const string Provider = "FeedSync";

    private static readonly IndicatorKind[] Ip = [IndicatorKind.Ip];
    private static readonly IndicatorKind[] Domain = [IndicatorKind.Domain];
    private static readonly IndicatorKind[] Url = [IndicatorKind.Url];
    private static readonly IndicatorKind[] FileHash = [IndicatorKind.Md5, IndicatorKind.Sha1, IndicatorKind.Sha256, IndicatorKind.Sha3_384];

    /// <summary>The indicator kinds of each watchlist, in the order FeedSync processes them.</summary>
    public static IReadOnlyList<IReadOnlyList<IndicatorKind>> Groups { get; } = [Ip, Domain, Url, FileHash];

    /// <summary>Returns the properties of the watchlist that holds indicators of the kinds in <paramref name="group"/>.</summary>
    public static WatchlistDescriptor Describe(IReadOnlyList<IndicatorKind> group, string aliasPrefix)
    {
        ArgumentNullException.ThrowIfNull(group);

        var suffix = WatchlistAliases.SuffixFor(group[0]);
        var what = suffix switch
        {
            "IP" => "IP addresses (with the port in the Port column when known)",
            "Domain" => "domain names",
            "Url" => "URLs",
            _ => "file hashes (MD5, SHA-1, SHA-256, SHA3-384)",
        };

        return new WatchlistDescriptor(
            Alias: WatchlistAliases.For(group[0], aliasPrefix),
            DisplayName: $"{aliasPrefix} {suffix} indicators",
            Description: $"abuse.ch ThreatFox {what}, kept in step by FeedSync. Rows with ManagedBy = FeedSync are written and removed by FeedSync; other rows are left alone.",
            Provider: Provider,
            ItemsSearchKey: WatchlistColumns.Indicator)
        {
            Labels = ["ThreatFox", "FeedSync"],
        };
    }
}
