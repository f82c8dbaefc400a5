namespace FeedSync.Workspace;

/// <summary>
/// The operations that the sync and the hunting publisher need from a Microsoft Sentinel workspace.
/// FeedSync.Sentinel implements it over Azure Resource Manager; tests may implement it in memory.
/// </summary>
/// <remarks>
/// Implementations throw their own exception type for failures (authorization, throttling that
/// outlasts the retries, a watchlist still being deleted) and never return partial results.
/// </remarks>
public interface ISentinelWorkspace
{
    /// <summary>Gets a watchlist by alias, or null when the workspace has none with that alias.</summary>
    Task<WatchlistDescriptor?> GetWatchlistAsync(string watchlistAlias, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a watchlist's properties without uploading any rows.</summary>
    Task CreateOrUpdateWatchlistAsync(WatchlistDescriptor watchlist, CancellationToken cancellationToken = default);

    /// <summary>Lists every row of a watchlist through the paged ARM list API.</summary>
    IAsyncEnumerable<WatchlistRow> ListWatchlistRowsAsync(string watchlistAlias, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces one row under its item id.</summary>
    Task UpsertWatchlistRowAsync(string watchlistAlias, WatchlistRow row, CancellationToken cancellationToken = default);

    /// <summary>Deletes one row; deleting a row that does not exist succeeds.</summary>
    Task DeleteWatchlistRowAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds rows in one request through the watchlist's <c>rawContent</c> CSV and waits until the
    /// service reports the upload as finished. The service assigns the item ids of rows added this way,
    /// and the upload only adds rows. The CSV must start with one header line.
    /// </summary>
    Task BulkAddWatchlistRowsAsync(WatchlistDescriptor watchlist, string csv, CancellationToken cancellationToken = default);

    /// <summary>Lists the workspace's saved searches.</summary>
    IAsyncEnumerable<SavedSearchRecord> ListSavedSearchesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a saved search under its id.</summary>
    Task UpsertSavedSearchAsync(SavedSearchRecord savedSearch, CancellationToken cancellationToken = default);

    /// <summary>Deletes a saved search; deleting one that does not exist succeeds.</summary>
    Task DeleteSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default);

    /// <summary>Gets the counts of ARM calls made through this instance so far.</summary>
    WorkspaceCallCounts GetCallCounts();
}
