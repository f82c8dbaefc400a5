using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FeedSync.Benchmarks.Data;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.ThreatFox;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Benchmarks.Sync;

/// <summary>
/// Normalises a feed of parsed ThreatFox records and diffs it against the rows that the watchlists already hold, as a
/// sync does between reading the feed and writing. That is the ingest accumulator (validation, refanging, canonical
/// forms, merging), grouping by watchlist, and the watchlist differ for all four watchlists. Parsing the feed's bytes is
/// measured by the ingestion benchmarks, and listing rows through ARM by the scenario runner.
/// </summary>
/// <remarks>
/// The data is the real 2026-07-24 export pair replicated (see <see cref="ReplicatedExportPair"/>): the stored rows
/// are what a sync of the 08:38 download left, and the feed is the 14:04 download, so the diff meets the real share
/// of additions, last-seen updates and unchanged rows. Each invocation is one whole sync plan, so the job runs single
/// invocations (the monitoring strategy) after two warm-up runs. The process runs with non-concurrent garbage
/// collection, as the CLI and the Functions app do.
/// </remarks>
[MemoryDiagnoser]
[GcConcurrent(false)]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class NormaliseAndDiffBenchmarks
{
    private const string AliasPrefix = WatchlistAliases.DefaultPrefix;

    private readonly SyncOptions options = new();
    private List<ThreatFoxRecord> feed = [];
    private IReadOnlyList<Indicator> normalisedFeed = [];
    private Dictionary<string, List<WatchlistRow>> stored = [];

    /// <summary>The number of distinct IOC values in the feed; the stored rows are about as many.</summary>
    [Params(100_000, 1_000_000)]
    public int Indicators { get; set; }

    [GlobalSetup]
    public async Task GenerateAsync()
    {
        var pair = await ReplicatedExportPair.LoadAsync();
        var (before, after) = pair.Replicate(Indicators);
        feed = after;
        stored = StoredRows(before);
        normalisedFeed = Normalise(feed, SharedExports.AfterTime);

        var plan = Plan(normalisedFeed);
        Console.WriteLine($"// Data: {pair.DescribeDistribution()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Feed: {feed.Count} records; stored: {stored.Values.Sum(rows => rows.Count)} rows; plan: {plan.Sum(watchlist => watchlist.Adds.Count)} adds, {plan.Sum(watchlist => watchlist.Updates.Count)} updates, {plan.Sum(watchlist => watchlist.Expiries.Count)} expiries, {plan.Sum(watchlist => watchlist.Unchanged)} unchanged."));
    }

    /// <summary>Normalises the feed and plans every watchlist; returns the number of planned writes and deletes.</summary>
    [Benchmark]
    public int NormaliseAndDiff() => Plan(Normalise(feed, SharedExports.AfterTime)).Sum(watchlist => watchlist.ChangeCount);

    /// <summary>Normalises the feed alone, the first part of <see cref="NormaliseAndDiff"/>; returns the number of indicators.</summary>
    [Benchmark]
    public int Normalise() => Normalise(feed, SharedExports.AfterTime).Count;

    /// <summary>Plans every watchlist for the already normalised feed, the second part of <see cref="NormaliseAndDiff"/>.</summary>
    [Benchmark]
    public int Diff() => Plan(normalisedFeed).Sum(watchlist => watchlist.ChangeCount);

    private List<WatchlistPlan> Plan(IReadOnlyList<Indicator> indicators)
    {
        var bySuffix = SyncPlanner.GroupByWatchlist(indicators);

        var plans = new List<WatchlistPlan>(WatchlistLayout.Groups.Count);
        foreach (var group in WatchlistLayout.Groups)
        {
            var descriptor = WatchlistLayout.Describe(group, AliasPrefix);
            plans.Add(WatchlistDiffer.Plan(descriptor, exists: true, bySuffix.GetValueOrDefault(WatchlistAliases.SuffixFor(group[0])) ?? [], stored[descriptor.Alias], SharedExports.AfterTime, options));
        }

        return plans;
    }

    /// <summary>Returns the rows a sync at the older download's time stored: one per indicator still inside its retention.</summary>
    private Dictionary<string, List<WatchlistRow>> StoredRows(List<ThreatFoxRecord> records)
    {
        var rows = WatchlistLayout.Groups.ToDictionary(group => WatchlistAliases.For(group[0], AliasPrefix), _ => new List<WatchlistRow>(), StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in Normalise(records, SharedExports.BeforeTime))
        {
            var row = IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind));
            if (row.ExpiresOn > SharedExports.BeforeTime)
            {
                rows[WatchlistAliases.For(indicator.Kind, AliasPrefix)].Add(new WatchlistRow(row.IndicatorId, IndicatorRowMapper.ToColumns(row)));
            }
        }

        return rows;
    }

    private static IReadOnlyList<Indicator> Normalise(List<ThreatFoxRecord> records, DateTimeOffset asOf)
    {
        var accumulator = new IngestAccumulator(IndicatorFilter.None, asOf);
        foreach (var record in records)
        {
            accumulator.Add(record);
        }

        return accumulator.Build("replicated export", ThreatFoxFeedFormat.ExportJson, containedFormat: null, asOf).Indicators;
    }
}
