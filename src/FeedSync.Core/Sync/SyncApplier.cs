using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Sync;

/// <summary>
/// Writes a plan to the workspace: creates missing watchlists, uploads additions in bulk through <c>rawContent</c>
/// above the bulk threshold and one item at a time below it, and writes updates and deletes one item at a time
/// with bounded parallelism, paced to the write budget.
/// </summary>
internal sealed class SyncApplier(
    ISentinelWorkspace workspace,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<SyncApplier> logger)
{
    /// <summary>Applies <paramref name="plan"/>, counting each successful change in <paramref name="applied"/>.</summary>
    public async Task ApplyAsync(
        SyncPlan plan,
        string runId,
        AppliedChanges applied,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(applied);

        var settings = options.Value;
        var pacer = new WritePacer(timeProvider, settings.MaxWritesPerSecond, settings.WriteBurst);
        var tracker = new ProgressTracker(progress, plan.ChangeCount);

        foreach (var watchlist in plan.Watchlists.Where(watchlist => watchlist.ChangeCount > 0))
        {
            await EnsureWatchlistAsync(watchlist, runId, cancellationToken);

            var useBulk = watchlist.Adds.Count > settings.BulkAddThreshold;
            if (useBulk)
            {
                await BulkAddAsync(watchlist, runId, applied, tracker, cancellationToken);
            }

            var itemChanges = ItemChangesOf(watchlist, includeAdds: !useBulk);
            var parallelism = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelWrites, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(itemChanges, parallelism, async (change, token) =>
            {
                await pacer.WaitAsync(token);
                await ApplyItemChangeAsync(watchlist.Alias, change, applied, token);
                tracker.Advance(watchlist.Alias, 1);
            });
        }
    }

    private static List<ItemChange> ItemChangesOf(WatchlistPlan watchlist, bool includeAdds)
    {
        var changes = new List<ItemChange>(watchlist.ChangeCount);
        if (includeAdds)
        {
            changes.AddRange(watchlist.Adds.Select(add => new ItemChange(ItemChangeKind.Add, add.ItemId, add.Columns)));
        }

        changes.AddRange(watchlist.Updates.Select(update => new ItemChange(ItemChangeKind.Update, update.ItemId, update.Columns)));
        changes.AddRange(watchlist.Expiries.Select(expiry => new ItemChange(ItemChangeKind.Expire, expiry.ItemId, null)));
        changes.AddRange(watchlist.Duplicates.Select(duplicate => new ItemChange(ItemChangeKind.RemoveDuplicate, duplicate.ItemId, null)));
        return changes;
    }

    private async Task ApplyItemChangeAsync(string alias, ItemChange change, AppliedChanges applied, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case ItemChangeKind.Add:
                await workspace.UpsertWatchlistRowAsync(alias, new WatchlistRow(change.ItemId, change.Columns!), cancellationToken);
                applied.Added(alias, 1);
                break;
            case ItemChangeKind.Update:
                await workspace.UpsertWatchlistRowAsync(alias, new WatchlistRow(change.ItemId, change.Columns!), cancellationToken);
                applied.Updated(alias);
                break;
            case ItemChangeKind.Expire:
                await workspace.DeleteWatchlistRowAsync(alias, change.ItemId, cancellationToken);
                applied.Removed(alias);
                break;
            default:
                await workspace.DeleteWatchlistRowAsync(alias, change.ItemId, cancellationToken);
                applied.DuplicateRemoved(alias);
                break;
        }
    }

    private async Task EnsureWatchlistAsync(WatchlistPlan watchlist, string runId, CancellationToken cancellationToken)
    {
        if (watchlist.Exists)
        {
            return;
        }

        await workspace.CreateOrUpdateWatchlistAsync(watchlist.Descriptor, cancellationToken);
        Log.WatchlistCreated(logger, runId, watchlist.Alias);
    }

    private async Task BulkAddAsync(
        WatchlistPlan watchlist,
        string runId,
        AppliedChanges applied,
        ProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        var documents = WatchlistCsvWriter.WriteDocuments(watchlist.Adds.Select(add => add.Columns), options.Value.BulkRequestMaxBytes).ToList();
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            await workspace.BulkAddWatchlistRowsAsync(watchlist.Descriptor, document.Text, cancellationToken);
            applied.Added(watchlist.Alias, document.Rows);
            tracker.Advance(watchlist.Alias, document.Rows);
            Log.BulkUploaded(logger, runId, watchlist.Alias, document.Rows, index + 1, documents.Count, document.Bytes);
        }
    }

    private enum ItemChangeKind
    {
        Add,
        Update,
        Expire,
        RemoveDuplicate,
    }

    /// <summary>One single-item write or delete.</summary>
    private sealed record ItemChange(ItemChangeKind Kind, Guid ItemId, IReadOnlyDictionary<string, string>? Columns);

    /// <summary>Reports the applying step's progress as changes complete, from any thread.</summary>
    private sealed class ProgressTracker(IProgress<SyncProgress>? progress, int total)
    {
        private int completed;

        public void Advance(string alias, int count)
        {
            var done = Interlocked.Add(ref completed, count);
            progress?.Report(new SyncProgress(SyncStage.Applying, alias, done, total));
        }
    }
}
