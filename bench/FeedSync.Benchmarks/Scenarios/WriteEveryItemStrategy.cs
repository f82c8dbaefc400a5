using FeedSync.Normalisation;
using FeedSync.Sentinel;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// A naive strategy, written here only for comparison: on every run, write every indicator of the feed as a watchlist
/// item, whether or not it changed. Items are written under the same deterministic ids and columns as FeedSync's,
/// four at a time and paced at ARM's write refill rate (10 a second after a burst of 200), which is the best case for
/// this strategy: unpaced it draws 429 answers and waits out their <c>Retry-After</c>.
/// </summary>
internal sealed class WriteEveryItemStrategy(ScenarioWorkspace workspace) : ISyncStrategy
{
    /// <summary>ARM's published sustained write rate per subscription.</summary>
    private const double ArmWritesPerSecond = 10;

    /// <summary>ARM's published write burst per subscription.</summary>
    private const int ArmWriteBurst = 200;

    private readonly SyncOptions options = new();

    public string Name => "Write every item";

    public static async Task<WriteEveryItemStrategy> StartAsync(TimeSpan deleteDuration, CancellationToken cancellationToken) =>
        new(await ScenarioWorkspace.StartAsync(deleteDuration, cancellationToken));

    public async Task<RunResult> RunAsync(ScenarioFeed feed, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var before = workspace.Snapshot();
        var batch = await feed.ReadAsync(asOf, cancellationToken);
        await EnsureWatchlistsAsync(cancellationToken);

        var pacer = new WritePacer(TimeProvider.System, ArmWritesPerSecond, ArmWriteBurst);
        long failed = 0;
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batch.Indicators, parallelism, async (indicator, token) =>
        {
            await pacer.WaitAsync(token);
            if (!await TryWriteAsync(indicator, token))
            {
                Interlocked.Increment(ref failed);
            }
        });

        var cost = workspace.Snapshot().Since(before);
        return new RunResult(cost, batch.Indicators.Count, batch.Indicators.Count, failed == 0 ? "Succeeded" : $"{failed} writes failed")
        {
            FailedWrites = failed,
        };
    }

    public ValueTask DisposeAsync() => workspace.DisposeAsync();

    private async Task EnsureWatchlistsAsync(CancellationToken cancellationToken)
    {
        foreach (var group in WatchlistLayout.Groups)
        {
            var descriptor = WatchlistLayout.Describe(group, options.AliasPrefix);
            if (await workspace.Workspace.GetWatchlistAsync(descriptor.Alias, cancellationToken) is null)
            {
                await workspace.Workspace.CreateOrUpdateWatchlistAsync(descriptor, cancellationToken);
            }
        }
    }

    /// <summary>Writes one indicator's row; returns false when the write still failed after the client's retries.</summary>
    private async Task<bool> TryWriteAsync(Indicator indicator, CancellationToken cancellationToken)
    {
        var row = IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind));
        try
        {
            await workspace.Workspace.UpsertWatchlistRowAsync(
                WatchlistAliases.For(indicator.Kind, options.AliasPrefix),
                new WatchlistRow(row.IndicatorId, IndicatorRowMapper.ToColumns(row)),
                cancellationToken);
            return true;
        }
        catch (SentinelRequestException)
        {
            return false;
        }
    }
}
