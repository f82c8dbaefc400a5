using BenchmarkDotNet.Attributes;
using FeedSync.Normalisation;

namespace FeedSync.Benchmarks.Ingestion;

/// <summary>
/// Reads and normalises 1,000,000 generated ThreatFox records through <see cref="IngestPipeline"/>: format
/// detection, streaming parsing, validation, refanging, filtering and merging, on one thread. Each
/// benchmark declares one operation per record, so the mean is the time per record and records per second
/// is one second divided by the mean.
/// </summary>
/// <remarks>
/// The benchmark process runs with non-concurrent garbage collection, as the CLI and the Functions app do.
/// Run it with <c>--affinity 1</c> to hold the reader and the garbage collector to one core; docs/benchmarks.md
/// has the runs against the target of 500,000 records per second.
/// </remarks>
[MemoryDiagnoser]
[GcConcurrent(false)]
public class IngestBenchmarks
{
    /// <summary>The number of records per operation.</summary>
    public const int RecordCount = 1_000_000;

    private static readonly IngestRequest Request = new() { AsOf = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero) };

    private readonly IngestPipeline pipeline = new();
    private byte[] exportJson = [];
    private byte[] exportCsv = [];

    [GlobalSetup]
    public void GenerateContent()
    {
        exportJson = GeneratedThreatFoxFeed.ExportJson(RecordCount);
        exportCsv = GeneratedThreatFoxFeed.ExportCsv(RecordCount);
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    public Task<IngestResult> ExportJson() => RunAsync(exportJson, "generated.json");

    [Benchmark(OperationsPerInvoke = RecordCount)]
    public Task<IngestResult> ExportCsv() => RunAsync(exportCsv, "generated.csv");

    private async Task<IngestResult> RunAsync(byte[] content, string name)
    {
        using var stream = new MemoryStream(content, writable: false);
        var result = await pipeline.RunAsync(stream, name, Request);
        if (result.Records != RecordCount || result.Rejected != 0)
        {
            throw new InvalidOperationException($"Expected {RecordCount} accepted records, got {result.Accepted} of {result.Records}.");
        }

        return result;
    }
}
