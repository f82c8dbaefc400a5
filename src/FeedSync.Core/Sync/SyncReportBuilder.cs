using FeedSync.Workspace;

namespace FeedSync.Sync;

/// <summary>Turns a plan, and what was applied of it, into the parts of a <see cref="SyncReport"/>.</summary>
internal static class SyncReportBuilder
{
    /// <summary>
    /// Summarises each watchlist: the applied counts when <paramref name="applied"/> is given, else the planned ones
    /// (a dry run, or a run stopped before writing).
    /// </summary>
    public static IReadOnlyList<WatchlistChangeSummary> Summaries(SyncPlan plan, AppliedChanges? applied) =>
    [
        .. plan.Watchlists.Select(watchlist =>
        {
            var (added, updated, removed, duplicatesRemoved) = applied?.Of(watchlist.Alias)
                ?? (watchlist.Adds.Count, watchlist.Updates.Count, watchlist.Expiries.Count, watchlist.Duplicates.Count);
            return new WatchlistChangeSummary(watchlist.Alias, added, updated, removed, watchlist.Unchanged)
            {
                SkippedExpired = watchlist.SkippedExpired,
                DuplicatesRemoved = duplicatesRemoved,
                Retention = watchlist.Retention,
                Created = !watchlist.Exists && watchlist.Adds.Count > 0,
            };
        }),
    ];

    /// <summary>Lists every planned change, watchlist by watchlist.</summary>
    public static IReadOnlyList<PlannedChange> Changes(SyncPlan plan) =>
    [
        .. plan.Watchlists.SelectMany(watchlist => watchlist.Adds.Select(add => new PlannedChange(watchlist.Alias, PlannedAction.Add, add.Indicator, add.IndicatorId, []))
            .Concat(watchlist.Updates.Select(update => new PlannedChange(watchlist.Alias, PlannedAction.Update, update.Indicator, update.IndicatorId, update.ChangedColumns)))
            .Concat(watchlist.Expiries.Select(expiry => new PlannedChange(watchlist.Alias, PlannedAction.Expire, expiry.Indicator, expiry.IndicatorId, [])))
            .Concat(watchlist.Duplicates.Select(duplicate => new PlannedChange(watchlist.Alias, PlannedAction.RemoveDuplicate, duplicate.Indicator, duplicate.IndicatorId, [])))),
    ];

    /// <summary>Converts workspace call counts to the report's form.</summary>
    public static ArmCallSummary ArmCalls(WorkspaceCallCounts calls) =>
        new(calls.Reads, calls.Writes, calls.Deletes, calls.Retries, calls.Throttled);
}
