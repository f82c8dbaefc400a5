using System.Globalization;
using System.Runtime.CompilerServices;
using FeedSync.Workspace;

namespace FeedSync.Tests.Hunting;

/// <summary>
/// An in-memory workspace that stores saved searches as the service does (new etag and version on each write) and
/// counts calls. The watchlist operations are not used by the hunting publisher and throw.
/// </summary>
internal sealed class InMemorySentinelWorkspace : ISentinelWorkspace
{
    private readonly Dictionary<string, SavedSearchRecord> savedSearches = new(StringComparer.OrdinalIgnoreCase);
    private long reads;
    private long writes;
    private long deletes;
    private long version;

    /// <summary>Gets the stored saved searches by id.</summary>
    public IReadOnlyDictionary<string, SavedSearchRecord> SavedSearches => savedSearches;

    /// <summary>Stores <paramref name="savedSearch"/> without counting a call, as setup for a test.</summary>
    public void Seed(SavedSearchRecord savedSearch) => savedSearches[savedSearch.Id] = Stamp(savedSearch);

    public async IAsyncEnumerable<SavedSearchRecord> ListSavedSearchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        reads++;
        foreach (var savedSearch in savedSearches.Values.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return savedSearch;
        }
    }

    public Task UpsertSavedSearchAsync(SavedSearchRecord savedSearch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);

        writes++;
        if (savedSearches.TryGetValue(savedSearch.Id, out var current) && savedSearch.ETag is { } etag && etag != "*" && etag != current.ETag)
        {
            throw new InvalidOperationException($"Saved search '{savedSearch.Id}' has etag '{current.ETag}', not '{etag}'.");
        }

        savedSearches[savedSearch.Id] = Stamp(savedSearch);
        return Task.CompletedTask;
    }

    public Task DeleteSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        deletes++;
        savedSearches.Remove(savedSearchId);
        return Task.CompletedTask;
    }

    public WorkspaceCallCounts GetCallCounts() => new(reads, writes, deletes, 0, 0);

    public Task<WatchlistDescriptor?> GetWatchlistAsync(string watchlistAlias, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    public Task CreateOrUpdateWatchlistAsync(WatchlistDescriptor watchlist, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    public IAsyncEnumerable<WatchlistRow> ListWatchlistRowsAsync(string watchlistAlias, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    public Task UpsertWatchlistRowAsync(string watchlistAlias, WatchlistRow row, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    public Task DeleteWatchlistRowAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    public Task BulkAddWatchlistRowsAsync(WatchlistDescriptor watchlist, string csv, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Watchlists are not part of this fake.");

    /// <summary>Returns the record as the service stores it: tags in reverse order, Windows line endings, a new etag.</summary>
    private SavedSearchRecord Stamp(SavedSearchRecord savedSearch)
    {
        version++;
        return savedSearch with
        {
            Query = savedSearch.Query.Replace("\n", "\r\n", StringComparison.Ordinal),
            Tags = [.. savedSearch.Tags.Reverse()],
            ETag = string.Create(CultureInfo.InvariantCulture, $"W/\"datetime'{version}'\""),
            Version = 2,
        };
    }
}
