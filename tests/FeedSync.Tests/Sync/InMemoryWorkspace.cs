using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FeedSync.Tests.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

/// <summary>
/// An in-memory <see cref="ISentinelWorkspace"/> that behaves like the service where the sync depends on it:
/// bulk uploads get service-assigned item ids and only add rows, upserts replace a row under its item id, deleting
/// a missing row succeeds, and every call is counted. It can fail after a number of writes to simulate a crash.
/// </summary>
internal sealed class InMemoryWorkspace : ISentinelWorkspace
{
    private readonly ConcurrentDictionary<string, Watchlist> watchlists = new(StringComparer.OrdinalIgnoreCase);
    private long reads;
    private long writes;
    private long deletes;
    private int successfulChanges;

    /// <summary>When set, every write or delete after this many successful ones fails.</summary>
    public int? FailAfterChanges { get; set; }

    /// <summary>When true, a failing write is still stored before it fails, as when a connection drops after the service committed.</summary>
    public bool CommitBeforeFailing { get; set; }

    /// <summary>When true, listing rows fails.</summary>
    public bool FailReads { get; set; }

    /// <summary>The bulk uploads received, as CSV text.</summary>
    public ConcurrentQueue<string> BulkUploads { get; } = new();

    /// <summary>Returns the rows of a watchlist, or none when it does not exist.</summary>
    public IReadOnlyList<WatchlistRow> Rows(string alias) =>
        watchlists.TryGetValue(alias, out var watchlist) ? [.. watchlist.Rows.Values] : [];

    /// <summary>Returns whether the watchlist exists.</summary>
    public bool Has(string alias) => watchlists.ContainsKey(alias);

    /// <summary>Stores a row directly, without counting a call, to arrange a test.</summary>
    public void Seed(WatchlistDescriptor descriptor, params WatchlistRow[] rows)
    {
        var watchlist = watchlists.GetOrAdd(descriptor.Alias, _ => new Watchlist(descriptor));
        foreach (var row in rows)
        {
            watchlist.Rows[row.ItemId] = row;
        }
    }

    public Task<WatchlistDescriptor?> GetWatchlistAsync(string watchlistAlias, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref reads);
        return Task.FromResult(watchlists.TryGetValue(watchlistAlias, out var watchlist) ? watchlist.Descriptor : null);
    }

    public Task CreateOrUpdateWatchlistAsync(WatchlistDescriptor watchlist, CancellationToken cancellationToken = default)
    {
        Write(() => watchlists.AddOrUpdate(watchlist.Alias, _ => new Watchlist(watchlist), (_, existing) => existing with { Descriptor = watchlist }));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<WatchlistRow> ListWatchlistRowsAsync(string watchlistAlias, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (FailReads)
        {
            throw new InvalidOperationException("Simulated workspace failure while listing rows.");
        }

        if (!watchlists.TryGetValue(watchlistAlias, out var watchlist))
        {
            throw new InvalidOperationException($"Watchlist '{watchlistAlias}' not found.");
        }

        var rows = watchlist.Rows.Values.ToList();
        for (var page = 0; page * 100 < Math.Max(rows.Count, 1); page++)
        {
            Interlocked.Increment(ref reads);
            foreach (var row in rows.Skip(page * 100).Take(100))
            {
                await Task.Yield();
                yield return row;
            }
        }
    }

    public Task UpsertWatchlistRowAsync(string watchlistAlias, WatchlistRow row, CancellationToken cancellationToken = default)
    {
        var watchlist = watchlists[watchlistAlias];
        Write(() => watchlist.Rows[row.ItemId] = row with { Columns = new Dictionary<string, string>(row.Columns, StringComparer.Ordinal) });
        return Task.CompletedTask;
    }

    public Task DeleteWatchlistRowAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default)
    {
        Change(() => watchlists[watchlistAlias].Rows.TryRemove(itemId, out _), isDelete: true);
        return Task.CompletedTask;
    }

    public Task BulkAddWatchlistRowsAsync(WatchlistDescriptor watchlist, string csv, CancellationToken cancellationToken = default)
    {
        Write(() =>
        {
            BulkUploads.Enqueue(csv);
            var target = watchlists.GetOrAdd(watchlist.Alias, _ => new Watchlist(watchlist));
            foreach (var columns in CsvReader.ReadWithHeader(csv))
            {
                var itemId = Guid.NewGuid();
                target.Rows[itemId] = new WatchlistRow(itemId, columns);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Gets the saved searches by id, as the hunting publisher wrote them.</summary>
    public ConcurrentDictionary<string, SavedSearchRecord> SavedSearches { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async IAsyncEnumerable<SavedSearchRecord> ListSavedSearchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref reads);
        await Task.Yield();
        foreach (var savedSearch in SavedSearches.Values)
        {
            yield return savedSearch;
        }
    }

    public Task UpsertSavedSearchAsync(SavedSearchRecord savedSearch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);

        Interlocked.Increment(ref writes);
        SavedSearches[savedSearch.Id] = savedSearch with { ETag = Guid.NewGuid().ToString("D") };
        return Task.CompletedTask;
    }

    public Task DeleteSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref deletes);
        SavedSearches.TryRemove(savedSearchId, out _);
        return Task.CompletedTask;
    }

    public WorkspaceCallCounts GetCallCounts() =>
        new(Interlocked.Read(ref reads), Interlocked.Read(ref writes), Interlocked.Read(ref deletes), 0, 0);

    private void Write(Action store) => Change(store, isDelete: false);

    private void Change(Action store, bool isDelete)
    {
        if (isDelete)
        {
            Interlocked.Increment(ref deletes);
        }
        else
        {
            Interlocked.Increment(ref writes);
        }

        if (FailAfterChanges is { } limit && Interlocked.Increment(ref successfulChanges) > limit)
        {
            if (CommitBeforeFailing)
            {
                store();
            }

            throw new IOException("Simulated dropped connection after the write limit.");
        }

        store();
    }

    private sealed record Watchlist(WatchlistDescriptor Descriptor)
    {
        public ConcurrentDictionary<Guid, WatchlistRow> Rows { get; } = new();
    }
}
