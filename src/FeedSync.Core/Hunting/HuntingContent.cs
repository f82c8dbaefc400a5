namespace FeedSync.Hunting;

/// <summary>The hunting content of one run: every configured family with indicators, and the feed-wide set.</summary>
public sealed record HuntingContent
{
    /// <summary>The scopes with indicators: the configured families in configuration order, then the whole feed.</summary>
    public required IReadOnlyList<HuntingFamilyContent> Scopes { get; init; }

    /// <summary>
    /// The configured scopes without indicators in this run: family entries as configured, and <c>*</c> when the
    /// feed-wide set is enabled but the feed is empty. Publishing keeps their existing queries.
    /// </summary>
    public required IReadOnlyList<string> ScopesWithoutIndicators { get; init; }

    /// <summary>The prefix of the watchlist aliases the queries read, which also scopes the published queries.</summary>
    public required string WatchlistAliasPrefix { get; init; }

    /// <summary>Gets every query of every scope.</summary>
    public IEnumerable<HuntingQuery> Queries => Scopes.SelectMany(scope => scope.Queries);
}
