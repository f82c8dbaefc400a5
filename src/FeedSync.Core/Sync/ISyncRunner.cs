namespace FeedSync.Sync;

/// <summary>Runs one sync: fetch, normalise, diff, apply and publish, and reports what it did.</summary>
public interface ISyncRunner
{
    /// <summary>
    /// Runs a sync. Expected outcomes, including a run stopped by a safety rule, come back in the
    /// report; exceptions mean the run failed.
    /// </summary>
    Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a sync like <see cref="RunAsync(SyncRequest, CancellationToken)"/>, reporting each step's progress to
    /// <paramref name="progress"/>, possibly from several threads at once. Implementations without progress
    /// reporting ignore it.
    /// </summary>
    Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken = default) =>
        RunAsync(request, cancellationToken);
}
