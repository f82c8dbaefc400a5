using FeedSync.Normalisation;

namespace FeedSync.Sync;

/// <summary>The feed of a sync over the ThreatFox ingest pipeline: reads the request's source, normalises and filters it.</summary>
internal sealed class IngestIndicatorFeed(IIngestPipeline pipeline) : IIndicatorFeed
{
    public async Task<FeedBatch> ReadAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var result = await pipeline.RunAsync(
            new IngestRequest { Source = request.Source, Days = request.Days, Filter = request.Filter, AsOf = request.AsOf },
            cancellationToken);
        return new FeedBatch(result.Records, result.Accepted, result.Rejected, result.Indicators);
    }
}
