using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.ThreatFox;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// The feed of one scenario run: a real export file, read through the ingest pipeline as the command line reads it,
/// or generated records, normalised by the same accumulator without the parsing step.
/// </summary>
public sealed class ScenarioFeed
{
    private readonly string? path;
    private readonly IReadOnlyList<ThreatFoxRecord>? records;

    private ScenarioFeed(string name, string? path, IReadOnlyList<ThreatFoxRecord>? records)
    {
        Name = name;
        this.path = path;
        this.records = records;
    }

    /// <summary>A short name for reports.</summary>
    public string Name { get; }

    /// <summary>Returns a feed that reads the export file at <paramref name="path"/>.</summary>
    public static ScenarioFeed FromFile(string name, string path) => new(name, path, null);

    /// <summary>Returns a feed over records already in memory.</summary>
    public static ScenarioFeed FromRecords(string name, IReadOnlyList<ThreatFoxRecord> records) => new(name, null, records);

    /// <summary>Reads and normalises the feed as of <paramref name="asOf"/>.</summary>
    public async Task<FeedBatch> ReadAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        if (path is not null)
        {
            var result = await new IngestPipeline().RunAsync(new IngestRequest { Source = path, AsOf = asOf }, cancellationToken);
            return new FeedBatch(result.Records, result.Accepted, result.Rejected, result.Indicators);
        }

        var accumulator = new IngestAccumulator(IndicatorFilter.None, asOf);
        foreach (var record in records!)
        {
            accumulator.Add(record);
        }

        var built = accumulator.Build(Name, ThreatFoxFeedFormat.ExportJson, containedFormat: null, asOf);
        return new FeedBatch(built.Records, built.Accepted, built.Rejected, built.Indicators);
    }
}

/// <summary>The sync's feed in the scenario runner: whatever <see cref="ScenarioFeed"/> the current run set.</summary>
internal sealed class SwitchableIndicatorFeed : IIndicatorFeed
{
    /// <summary>The feed the next run reads.</summary>
    public ScenarioFeed? Current { get; set; }

    public Task<FeedBatch> ReadAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var feed = Current ?? throw new InvalidOperationException("No scenario feed is set for this run.");
        return feed.ReadAsync(request.AsOf ?? DateTimeOffset.UtcNow, cancellationToken);
    }
}
