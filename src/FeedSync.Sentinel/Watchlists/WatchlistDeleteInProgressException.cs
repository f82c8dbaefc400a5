namespace FeedSync.Sentinel.Watchlists;

/// <summary>
/// A watchlist write rejected because a delete of the same alias is still in progress. Sentinel
/// keeps a deleted alias reserved until the delete finishes, which can take minutes.
/// </summary>
public sealed class WatchlistDeleteInProgressException : SentinelRequestException
{
    /// <summary>Creates the exception.</summary>
    public WatchlistDeleteInProgressException(string watchlistAlias, int status, string? errorCode, string message, string? requestId)
        : base(status, errorCode, message, requestId)
    {
        WatchlistAlias = watchlistAlias;
    }

    /// <summary>The alias that is still being deleted.</summary>
    public string WatchlistAlias { get; }
}
