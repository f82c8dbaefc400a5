namespace FeedSync.Sync;

/// <summary>Runs one sync: fetch, normalise, diff, apply and publish, and reports what it did.</summary>
public interface ISyncRunner
{
    /// <summary>
    /// Runs a sync. Expected outcomes, including a run stopped by a safety rule, come back in the
    /// report; exceptions mean the run failed.
    /// </summary>
    Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default);
}
