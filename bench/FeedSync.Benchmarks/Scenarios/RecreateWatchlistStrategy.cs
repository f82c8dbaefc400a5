using System.Diagnostics;
using Azure;
using FeedSync.Sync;
using FeedSync.Watchlists;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// A naive strategy, written here only for comparison: on every run, delete each watchlist, wait for the delete to
/// finish, and upload every indicator again through <c>rawContent</c> in as few bulk requests as fit. Between the
/// delete and the last upload the watchlist is missing or incomplete, and every run re-ingests every row into Log
/// Analytics.
/// </summary>
internal sealed class RecreateWatchlistStrategy(ScenarioWorkspace workspace) : ISyncStrategy
{
    private readonly SyncOptions options = new();

    public string Name => "Delete and recreate";

    public static async Task<RecreateWatchlistStrategy> StartAsync(TimeSpan deleteDuration, CancellationToken cancellationToken) =>
        new(await ScenarioWorkspace.StartAsync(deleteDuration, cancellationToken));

    public async Task<RunResult> RunAsync(ScenarioFeed feed, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var before = workspace.Snapshot();
        var batch = await feed.ReadAsync(asOf, cancellationToken);
        var byAlias = batch.Indicators.ToLookup(indicator => WatchlistAliases.For(indicator.Kind, options.AliasPrefix), StringComparer.OrdinalIgnoreCase);

        var longestGap = TimeSpan.Zero;
        long bulkRequests = 0;
        foreach (var group in WatchlistLayout.Groups)
        {
            var descriptor = WatchlistLayout.Describe(group, options.AliasPrefix);
            var gapStart = Stopwatch.GetTimestamp();
            await workspace.Client.GetWatchlistClient().DeleteWatchlistAsync(descriptor.Alias, WaitUntil.Completed, cancellationToken);

            var rows = byAlias[descriptor.Alias].Select(indicator =>
                IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind))));
            foreach (var document in WatchlistCsvWriter.WriteDocuments(rows, options.BulkRequestMaxBytes))
            {
                await workspace.Workspace.BulkAddWatchlistRowsAsync(descriptor, document.Text, cancellationToken);
                bulkRequests++;
            }

            var gap = Stopwatch.GetElapsedTime(gapStart);
            longestGap = gap > longestGap ? gap : longestGap;
        }

        var cost = workspace.Snapshot().Since(before);
        return new RunResult(cost, batch.Indicators.Count, batch.Indicators.Count, "Succeeded")
        {
            BulkRequests = bulkRequests,
            LongestGap = longestGap,
        };
    }

    public ValueTask DisposeAsync() => workspace.DisposeAsync();
}
