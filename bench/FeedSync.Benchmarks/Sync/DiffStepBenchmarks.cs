using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FeedSync.Benchmarks.Data;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.ThreatFox;
using FeedSync.Watchlists;

namespace FeedSync.Benchmarks.Sync;

/// <summary>
/// Splits the watchlist diff of <see cref="NormaliseAndDiffBenchmarks"/> into the mapping steps it runs for every
/// indicator, each over all 100,000 indicators of the replicated real feed, so that the allocation of the whole diff
/// can be traced to its steps. Divide by 100,000 for the cost per indicator.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class DiffStepBenchmarks
{
    private const int Indicators = 100_000;

    private readonly SyncOptions options = new();
    private IReadOnlyList<Indicator> indicators = [];
    private List<IndicatorRow> rows = [];
    private List<IReadOnlyDictionary<string, string>> columns = [];

    [GlobalSetup]
    public async Task GenerateAsync()
    {
        var pair = await ReplicatedExportPair.LoadAsync();
        var (_, after) = pair.Replicate(Indicators);
        var accumulator = new IngestAccumulator(IndicatorFilter.None, SharedExports.AfterTime);
        foreach (var record in after)
        {
            accumulator.Add(record);
        }

        indicators = accumulator.Build("replicated export", ThreatFoxFeedFormat.ExportJson, containedFormat: null, SharedExports.AfterTime).Indicators;
        rows = [.. indicators.Select(FromIndicator)];
        columns = [.. rows.Select(IndicatorRowMapper.ToColumns)];
    }

    /// <summary>Builds each indicator's row as the feed reports it (<c>IndicatorRowMapper.FromIndicator</c>).</summary>
    [Benchmark]
    public int MapIndicators() => indicators.Sum(indicator => FromIndicator(indicator).ThreatFoxIds.Count);

    /// <summary>Reads each stored row's columns back (<c>IndicatorRowMapper.TryParse</c>).</summary>
    [Benchmark]
    public int ParseStoredRows() => columns.Count(stored => IndicatorRowMapper.TryParse(stored, out _));

    /// <summary>Merges each stored row with the feed's row (<c>IndicatorRowMapper.Merge</c>).</summary>
    [Benchmark]
    public int MergeRows() => rows.Sum(row => IndicatorRowMapper.Merge(row, row, options.Granularity, options.RetentionFor(row.Kind)).Tags.Count);

    /// <summary>Converts each row to its column values (<c>IndicatorRowMapper.ToColumns</c>).</summary>
    [Benchmark]
    public int FormatColumns() => rows.Sum(row => IndicatorRowMapper.ToColumns(row).Count);

    /// <summary>Compares each row's stored and desired columns (<c>WatchlistDiffer.ChangedColumns</c>).</summary>
    [Benchmark]
    public int CompareColumns() => columns.Sum(stored => WatchlistDiffer.ChangedColumns(stored, stored).Count);

    private IndicatorRow FromIndicator(Indicator indicator) =>
        IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind));
}
