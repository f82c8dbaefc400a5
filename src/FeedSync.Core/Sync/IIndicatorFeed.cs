using FeedSync.Normalisation;

namespace FeedSync.Sync;

/// <summary>The source side of a sync: reads the request's source and returns its normalised, filtered indicators.</summary>
public interface IIndicatorFeed
{
    /// <summary>
    /// Reads the source that <paramref name="request"/> names. Throws when the source fails; a source that
    /// yields nothing returns an empty batch.
    /// </summary>
    Task<FeedBatch> ReadAsync(SyncRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What one read of the feed produced.</summary>
/// <param name="Records">Records read from the source.</param>
/// <param name="Accepted">Records that became (part of) an accepted indicator.</param>
/// <param name="Rejected">Records rejected with a reason.</param>
/// <param name="Indicators">The distinct indicators after merging and filtering.</param>
public sealed record FeedBatch(long Records, long Accepted, long Rejected, IReadOnlyList<Indicator> Indicators);
