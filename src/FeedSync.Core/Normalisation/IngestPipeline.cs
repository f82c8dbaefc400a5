using System.Diagnostics;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Normalisation;

/// <summary>
/// The ingestion entry point of the sync, the Functions app and the CLI: reads the live ThreatFox API or a
/// file in any ThreatFox shape, normalises, filters and merges the records, and accounts for every one.
/// </summary>
/// <remarks>
/// The result is built only after the whole source was read, so a source that breaks part-way throws a
/// <see cref="FeedSourceException"/> and imports nothing.
/// </remarks>
public sealed class IngestPipeline : IIngestPipeline
{
    private const int MaxPresizedRecords = 2_000_000;

    private readonly ThreatFoxClient? client;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Creates a pipeline; without a <paramref name="client"/> only file and stream sources work.</summary>
    public IngestPipeline(ThreatFoxClient? client = null, TimeProvider? timeProvider = null, ILogger<IngestPipeline>? logger = null)
    {
        this.client = client;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger<IngestPipeline>.Instance;
    }

    /// <inheritdoc/>
    public async Task<IngestResult> RunAsync(IngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.IsThreatFoxApi)
        {
            return await RunApiAsync(request, cancellationToken);
        }

        await using var file = OpenFile(request.Source);
        return await RunAsync(file, request.Source, request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IngestResult> RunAsync(Stream content, string sourceName, IngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(request);

        await using var reader = await ThreatFoxFeedReader.OpenAsync(content, sourceName, cancellationToken);
        var cursor = reader.OpenCursor();
        var expectedRecords = EstimateRecords(content, reader.Format);
        return await ReadAllAsync(reader, sourceName, accumulator => AddAllAsync(cursor, accumulator, cancellationToken), request, expectedRecords);
    }

    private async Task<IngestResult> RunApiAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new InvalidOperationException("The ingest pipeline has no ThreatFoxClient; register it with services.AddFeedSyncIngestion(configuration) to read the live API.");
        }

        var query = ThreatFoxQuery.GetIocs(request.Days);
        var records = client.QueryAsync(query, cancellationToken);
        return await ReadAllAsync(null, request.Source, accumulator => AddAllAsync(records, accumulator, cancellationToken), request, expectedRecords: 0);
    }

    private static async Task AddAllAsync(IThreatFoxRecordCursor cursor, IngestAccumulator accumulator, CancellationToken cancellationToken)
    {
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            accumulator.Add(cursor.Current);
        }
    }

    private static async Task AddAllAsync(IAsyncEnumerable<ThreatFoxRecord> records, IngestAccumulator accumulator, CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            accumulator.Add(record);
        }
    }

    private async Task<IngestResult> ReadAllAsync(
        ThreatFoxFeedReader? reader,
        string source,
        Func<IngestAccumulator, Task> addAllAsync,
        IngestRequest request,
        int expectedRecords)
    {
        Log.IngestStarting(logger, source);
        var stopwatch = Stopwatch.StartNew();
        var asOf = request.AsOf ?? timeProvider.GetUtcNow();
        var accumulator = new IngestAccumulator(request.Filter, asOf, expectedRecords);
        try
        {
            await addAllAsync(accumulator);
        }
        catch (FeedSourceException exception)
        {
            Log.IngestFailed(logger, source, accumulator.Records, exception);
            throw;
        }

        var format = reader?.Format ?? ThreatFoxFeedFormat.ApiResponse;
        var result = accumulator.Build(source, format, reader?.ContainedFormat, asOf);
        LogResult(result, stopwatch.ElapsedMilliseconds);
        return result;
    }

    private void LogResult(IngestResult result, long elapsedMs)
    {
        foreach (var (iocType, count) in result.UnknownIocTypes)
        {
            Log.UnknownIocType(logger, result.Source, iocType, count);
        }

        foreach (var (threatType, count) in result.UnknownThreatTypes)
        {
            Log.UnknownThreatType(logger, result.Source, threatType, count);
        }

        Log.IngestFinished(logger, result.Source, result.Format.ToString(), result.Records, result.Accepted, result.Rejected, result.Indicators.Count, elapsedMs);
    }

    /// <summary>
    /// Estimates the records of uncompressed content from its length, so that the merger's tables are sized
    /// once instead of doubling many times. Returns 0 when the length is unknown.
    /// </summary>
    private static int EstimateRecords(Stream content, ThreatFoxFeedFormat format)
    {
        if (!content.CanSeek || format == ThreatFoxFeedFormat.Zip)
        {
            return 0;
        }

        // The real exports take about 630 bytes per record in JSON and about 230 in CSV; the smaller
        // divisors round the estimate up. The cap bounds what a huge file that then fails can reserve.
        var bytesPerRecord = format == ThreatFoxFeedFormat.ExportCsv ? 192 : 512;
        return (int)Math.Min(content.Length / bytesPerRecord, MaxPresizedRecords);
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FeedSourceException(path, $"Source file '{path}' was not found. Pass the path of a ThreatFox export or API response, or 'threatfox' for the live API.", exception);
        }
        catch (UnauthorizedAccessException exception) when (Directory.Exists(path))
        {
            throw new FeedSourceException(path, $"Source '{path}' is a directory; pass the path of a ThreatFox export or API response file.", exception);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException or ArgumentException or NotSupportedException)
        {
            throw new FeedSourceException(path, $"Source file '{path}' cannot be opened: {exception.Message}", exception);
        }
    }
}
