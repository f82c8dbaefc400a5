using FeedSync.Watchlists;

namespace FeedSync.Hunting;

/// <summary>
/// Settings of the hunting content: which families get queries, the query style and the false-positive
/// exclusions. Bound from the <c>FeedSync:Hunting</c> configuration section.
/// </summary>
public sealed class HuntingOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FeedSync:Hunting";

    /// <summary>The default of <see cref="InlineMaxIndicators"/>.</summary>
    public const int DefaultInlineMaxIndicators = 500;

    /// <summary>The largest allowed <see cref="InlineMaxIndicators"/>.</summary>
    public const int MaxInlineMaxIndicators = 10_000;

    /// <summary>
    /// The malware families that get their own queries, by ThreatFox id (<c>win.remcos</c>), printable name or
    /// alias, compared case-insensitively. Empty by default, which publishes the feed-wide queries only.
    /// </summary>
    public IList<string> Families { get; init; } = [];

    /// <summary>Whether the feed-wide queries over every indicator are published. Default: true.</summary>
    public bool IncludeFeedWide { get; set; } = true;

    /// <summary>Where queries read their indicators from. Default: <see cref="HuntingQueryStyle.Watchlist"/>.</summary>
    public HuntingQueryStyle Style { get; set; } = HuntingQueryStyle.Watchlist;

    /// <summary>
    /// The maximum number of indicators an inline query lists, 1 to 10,000. A query over more keeps the most
    /// recently active ones and says so in its description. Default: 500.
    /// </summary>
    public int InlineMaxIndicators { get; set; } = DefaultInlineMaxIndicators;

    /// <summary>
    /// Whether an address-only query is published beside the address-and-port query of every table that
    /// matches IP addresses. Default: true.
    /// </summary>
    public bool IncludeAddressOnlyVariants { get; set; } = true;

    /// <summary>
    /// The prefix of the watchlist aliases the queries read (<c>{prefix}-IP</c> and so on). It must equal the
    /// prefix the sync writes. Default: <c>ThreatFox</c>.
    /// </summary>
    public string WatchlistAliasPrefix { get; set; } = WatchlistAliases.DefaultPrefix;

    /// <summary>
    /// ThreatFox ids of families that are remote access trojans and so get technique T1219. Families whose id or
    /// name has a word ending in <c>rat</c> (<c>win.asyncrat</c>, <c>win.quasar_rat</c>) count without being listed.
    /// Null keeps the built-in list, which starts with <c>win.remcos</c>.
    /// </summary>
    public IList<string>? RemoteAccessTrojanFamilies { get; init; }

    /// <summary>
    /// False-positive exclusion profiles by name. An entry named like a built-in profile overrides the settings
    /// it gives, and an entry with a new name adds a profile. The five built-in profiles are on unless disabled.
    /// </summary>
    public IDictionary<string, ExclusionProfileOptions> Exclusions { get; init; } =
        new Dictionary<string, ExclusionProfileOptions>(StringComparer.OrdinalIgnoreCase);
}
