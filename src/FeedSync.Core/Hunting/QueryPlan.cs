namespace FeedSync.Hunting;

/// <summary>What one hunting query covers and how it reads its indicators.</summary>
/// <param name="Table">The table the query reads.</param>
/// <param name="Scope">The family or the whole feed.</param>
/// <param name="Variant">Whether IP addresses match with their port or alone.</param>
/// <param name="Groups">The indicator groups the query matches, a subset of the table's groups.</param>
/// <param name="Style">Whether indicators come from the watchlists or from inline lists.</param>
/// <param name="WatchlistAliasPrefix">The prefix of the watchlist aliases.</param>
/// <param name="InlineMaxIndicators">The maximum number of indicators an inline query lists.</param>
/// <param name="Exclusions">The enabled false-positive exclusion profiles.</param>
internal sealed record QueryPlan(
    HuntingTable Table,
    HuntingScope Scope,
    HuntingQueryVariant Variant,
    IReadOnlyList<IndicatorGroup> Groups,
    HuntingQueryStyle Style,
    string WatchlistAliasPrefix,
    int InlineMaxIndicators,
    IReadOnlyList<ExclusionProfile> Exclusions);

/// <summary>The KQL text of a query and what went into it.</summary>
/// <param name="Text">The KQL text, lines separated by <c>\n</c>.</param>
/// <param name="AppliedExclusions">The names of the exclusion profiles the query applies.</param>
/// <param name="MatchableIndicators">The scope's indicators that the query's groups can match.</param>
/// <param name="InlinedIndicators">For an inline query, how many of them it lists; null for a watchlist query.</param>
internal sealed record ComposedQuery(string Text, IReadOnlyList<string> AppliedExclusions, int MatchableIndicators, int? InlinedIndicators);
