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
/// Splits the watchlist diff of <see cref="NormaliseAndDiffBenchmarks"/> into the steps it runs for every indicator or
/// stored row, each over the 100,000 indicators of the replicated real feed and the rows a sync of the older export
/// stored, so that the time and allocation of the whole diff can be traced to its steps. Divide by 100,000 for the
/// cost per indicator.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class DiffStepBenchmarks
{
    private const int Indicators = 100_000;

    private readonly SyncOptions options = new();
    private IReadOnlyList<Indicator> indicators = [];
    private List<WatchlistRow> rows = [];
    private List<(Indicator Indicator, Guid IndicatorId, IReadOnlyDictionary<string, string> Stored)> pairs = [];
    private List<WatchlistPlan> plans = [];

    [GlobalSetup]
    public async Task GenerateAsync()
    {
        var pair = await ReplicatedExportPair.LoadAsync();
        var (before, after) = pair.Replicate(Indicators);
        indicators = Normalise(after, SharedExports.AfterTime);

        var storedIndicators = Normalise(before, SharedExports.BeforeTime);
        rows = [.. storedIndicators
            .Select(indicator => IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind)))
            .Where(row => row.ExpiresOn > SharedExports.BeforeTime)
            .Select(row => new WatchlistRow(row.IndicatorId, IndicatorRowMapper.ToColumns(row)))];

        var storedById = rows.ToDictionary(row => row.ItemId, row => row.Columns);
        pairs = [.. indicators
            .Select(indicator => (Indicator: indicator, IndicatorId: IndicatorIds.For(indicator)))
            .Where(item => storedById.ContainsKey(item.IndicatorId))
            .Select(item => (item.Indicator, item.IndicatorId, storedById[item.IndicatorId]))];

        plans = [.. WatchlistLayout.Groups.Select(group => WatchlistDiffer.Plan(
            WatchlistLayout.Describe(group, WatchlistAliases.DefaultPrefix),
            exists: true,
            indicators.Where(indicator => group.Contains(indicator.Kind)),
            rows.Where(row => group.Any(kind => IndicatorRowMapper.KindName(kind) == row.Columns[WatchlistColumns.IndicatorType])).ToList(),
            SharedExports.AfterTime,
            options))];
        Console.WriteLine($"// {indicators.Count} indicators, {rows.Count} stored rows, {pairs.Count} indicators with a stored row.");
    }

    /// <summary>Computes each feed indicator's deterministic id, a SHA-1 name-based UUID (<c>IndicatorIds.For</c>).</summary>
    [Benchmark]
    public int ComputeIds()
    {
        var versions = 0;
        foreach (var indicator in indicators)
        {
            versions += IndicatorIds.For(indicator).Version;
        }

        return versions;
    }

    /// <summary>Groups the stored rows by their indicator id cell (<c>StoredRowIndex.Read</c>).</summary>
    [Benchmark]
    public int IndexStoredRows() => StoredRowIndex.Read(rows).Count;

    /// <summary>Compares each indicator that has a stored row with that row, cell by cell (<c>UnchangedRowCheck.MatchesMergedRow</c>).</summary>
    [Benchmark]
    public int CheckUnchanged()
    {
        var unchanged = 0;
        foreach (var (indicator, indicatorId, stored) in pairs)
        {
            if (UnchangedRowCheck.MatchesMergedRow(stored, indicator, indicatorId, options.Granularity, options.RetentionFor(indicator.Kind), out _))
            {
                unchanged++;
            }
        }

        return unchanged;
    }

    /// <summary>
    /// Builds every retained row of the plans. The diff leaves them unbuilt for unchanged indicators, and the sync reads
    /// them once after writing, for the hunting content.
    /// </summary>
    [Benchmark]
    public int ReadRetainedRows() => plans.Sum(plan => plan.Retained.Sum(row => row.ThreatFoxIds.Count));

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
