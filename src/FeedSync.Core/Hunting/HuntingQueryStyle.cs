namespace FeedSync.Hunting;

/// <summary>Where a hunting query reads its indicators from.</summary>
public enum HuntingQueryStyle
{
    /// <summary>
    /// From the FeedSync watchlists through <c>_GetWatchlist('alias')</c>, so that the query follows every sync
    /// without being republished.
    /// </summary>
    Watchlist,

    /// <summary>
    /// From <c>let iocs = dynamic([...])</c> lists written into the query, so that it runs in any workspace. The
    /// lists hold at most <see cref="HuntingOptions.InlineMaxIndicators"/> indicators.
    /// </summary>
    Inline,
}
