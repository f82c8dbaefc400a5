using FeedSync.Normalisation;
using FeedSync.Sync;

namespace FeedSync.Tests.Sync;

/// <summary>A feed that returns indicators a test constructs, or fails when told to.</summary>
internal sealed class StaticFeed : IIndicatorFeed
{
    public IReadOnlyList<Indicator> Indicators { get; set; } = [];

    public Exception? Failure { get; set; }

    public Task<FeedBatch> ReadAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            return Task.FromException<FeedBatch>(Failure);
        }

        var records = Indicators.Sum(indicator => Math.Max(1, indicator.ThreatFoxIds.Count));
        return Task.FromResult(new FeedBatch(records, records, 0, Indicators));
    }
}
