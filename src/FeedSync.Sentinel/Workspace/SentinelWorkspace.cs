using System.Runtime.CompilerServices;
using FeedSync.Sentinel.LogAnalytics;
using FeedSync.Sentinel.SavedSearches;
using FeedSync.Sentinel.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Sentinel.Workspace;

/// <summary>
/// <see cref="ISentinelWorkspace"/> over the Sentinel ARM clients: what the sync and the hunting
/// publisher read and write in a workspace.
/// </summary>
public sealed class SentinelWorkspace : ISentinelWorkspace
{
    private readonly SentinelClient _client;

    /// <summary>Creates the workspace adapter.</summary>
    /// <param name="client">The client for the workspace.</param>
    /// <param name="workspaceId">The workspace's customer id for <see cref="QueryAsync"/>, or null when queries are not needed.</param>
    public SentinelWorkspace(SentinelClient client, Guid? workspaceId = null)
    {
        ArgumentNullException.ThrowIfNull(client);

        _client = client;
        WorkspaceId = workspaceId;
    }

    /// <summary>The client this adapter calls, for operations outside <see cref="ISentinelWorkspace"/>.</summary>
    public SentinelClient Client => _client;

    /// <summary>The workspace's customer id, or null when it was not configured.</summary>
    public Guid? WorkspaceId { get; }

    /// <inheritdoc />
    /// <exception cref="WatchlistDeleteInProgressException">The watchlist is being deleted.</exception>
    public async Task<WatchlistDescriptor?> GetWatchlistAsync(string watchlistAlias, CancellationToken cancellationToken = default)
    {
        var watchlist = await _client.GetWatchlistClient().GetWatchlistIfExistsAsync(watchlistAlias, cancellationToken);
        if (watchlist is null)
        {
            return null;
        }

        if (watchlist.IsBeingDeleted)
        {
            throw new WatchlistDeleteInProgressException(
                watchlistAlias,
                200,
                "Deleting",
                $"Watchlist '{watchlistAlias}' is being deleted; it cannot be read or written until the delete finishes, which can take minutes. Retry later.",
                null);
        }

        return ToDescriptor(watchlist);
    }

    /// <inheritdoc />
    public async Task CreateOrUpdateWatchlistAsync(WatchlistDescriptor watchlist, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watchlist);

        await _client.GetWatchlistClient().CreateOrUpdateWatchlistAsync(watchlist.Alias, ToData(watchlist), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Items the service marks as deleted are left out.</remarks>
    public async IAsyncEnumerable<WatchlistRow> ListWatchlistRowsAsync(
        string watchlistAlias, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _client.GetWatchlistClient().GetWatchlistItemsAsync(watchlistAlias, cancellationToken))
        {
            if (!item.IsDeleted)
            {
                yield return new WatchlistRow(item.ItemId, item.ItemsKeyValue, item.ETag);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The row's etag is not sent, so the write replaces the item whatever its current etag.</remarks>
    public async Task UpsertWatchlistRowAsync(string watchlistAlias, WatchlistRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);

        await _client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync(watchlistAlias, row.ItemId, row.Columns, cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteWatchlistRowAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default)
    {
        await _client.GetWatchlistClient().DeleteWatchlistItemAsync(watchlistAlias, itemId, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A CSV larger than <see cref="SentinelWatchlistClient.MaxRawContentBytes"/> is sent as several uploads,
    /// each with the header line, one after another. A CSV with no row after the header sends nothing.
    /// </remarks>
    public async Task BulkAddWatchlistRowsAsync(WatchlistDescriptor watchlist, string csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(csv);

        var parts = CsvUploadSplitter.Split(csv, SentinelWatchlistClient.MaxRawContentBytes);
        var data = ToData(watchlist);
        for (var index = 0; index < parts.Count; index++)
        {
            Log.BulkUploadStarting(_client.ArmPipeline.Logger, watchlist.Alias, System.Text.Encoding.UTF8.GetByteCount(parts[index]), index + 1, parts.Count);
            await _client.GetWatchlistClient().UploadWatchlistItemsAsync(watchlist.Alias, data, parts[index], numberOfLinesToSkip: 0, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SavedSearchRecord> ListSavedSearchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var savedSearch in _client.GetSavedSearchClient().GetSavedSearchesAsync(cancellationToken))
        {
            yield return new SavedSearchRecord(
                savedSearch.Id,
                savedSearch.DisplayName,
                savedSearch.Category,
                savedSearch.Query,
                [.. savedSearch.Tags.Select(tag => new KeyValuePair<string, string>(tag.Name, tag.Value))])
            {
                ETag = savedSearch.ETag,
                Version = savedSearch.Version,
            };
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The record's etag makes the write conditional; a record without one overwrites (etag <c>*</c>).
    /// </remarks>
    public async Task UpsertSavedSearchAsync(SavedSearchRecord savedSearch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);

        var model = new SentinelSavedSearch(savedSearch.Id, savedSearch.DisplayName, savedSearch.Category, savedSearch.Query)
        {
            Tags = [.. savedSearch.Tags.Select(tag => new SavedSearchTag(tag.Key, tag.Value))],
            Version = savedSearch.Version,
            ETag = savedSearch.ETag ?? "*",
        };
        await _client.GetSavedSearchClient().CreateOrUpdateSavedSearchAsync(model, cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        await _client.GetSavedSearchClient().DeleteSavedSearchAsync(savedSearchId, cancellationToken);
    }

    /// <inheritdoc />
    public WorkspaceCallCounts GetCallCounts() => _client.GetCallCounts();

    /// <summary>Runs a Log Analytics query against the configured workspace.</summary>
    /// <exception cref="InvalidOperationException">No workspace id (customer id) was configured.</exception>
    public Task<LogAnalyticsQueryResult> QueryAsync(string query, TimeSpan? timespan = null, CancellationToken cancellationToken = default)
    {
        var workspaceId = WorkspaceId
            ?? throw new InvalidOperationException($"Log Analytics queries need the workspace's customer id: set {SentinelWorkspaceOptions.SectionName}:WorkspaceId.");
        return _client.GetLogAnalyticsQueryClient().QueryWorkspaceAsync(workspaceId, query, timespan, cancellationToken);
    }

    private static WatchlistDescriptor ToDescriptor(SentinelWatchlist watchlist) => new(
        watchlist.Alias,
        watchlist.DisplayName,
        watchlist.Description ?? string.Empty,
        watchlist.Provider,
        watchlist.ItemsSearchKey)
    {
        Labels = watchlist.Labels,
        DefaultDuration = watchlist.DefaultDuration,
    };

    private static SentinelWatchlistData ToData(WatchlistDescriptor watchlist) => new(watchlist.DisplayName, watchlist.Provider, watchlist.ItemsSearchKey)
    {
        Description = watchlist.Description,
        Labels = watchlist.Labels,
        DefaultDuration = watchlist.DefaultDuration,
    };
}
