using Microsoft.Extensions.Logging;

namespace FeedSync.Sync;

/// <summary>
/// Runs a sync only while it holds the <see cref="SyncRunLock"/> at <paramref name="lockFilePath"/>, so that two runs
/// against the same watchlists from this machine never interleave their writes. A run that finds the lock taken
/// changes nothing and returns a <see cref="SyncOutcome.Stopped"/> report that names the run holding it.
/// </summary>
/// <remarks>
/// Dry runs write nothing, so they run without the lock. The lock covers one machine; hosts that run on several
/// machines at once, such as a scaled-out Functions app, need a shared lock instead (the Functions app takes a blob lease).
/// </remarks>
internal sealed class ExclusiveSyncRunner(
    ISyncRunner inner,
    string lockFilePath,
    TimeProvider timeProvider,
    ILogger<ExclusiveSyncRunner> logger) : ISyncRunner
{
    /// <summary>The lock file this runner takes.</summary>
    public string LockFilePath => lockFilePath;

    public Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, progress: null, cancellationToken);

    public async Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.DryRun)
        {
            return await inner.RunAsync(request, progress, cancellationToken);
        }

        var (held, currentHolder) = SyncRunLock.TryAcquire(lockFilePath, SyncRunHolder.ForCurrentProcess(request.RunId, timeProvider));
        if (held is null)
        {
            return Busy(request, currentHolder);
        }

        using (held)
        {
            Log.RunLockTaken(logger, request.RunId, lockFilePath);
            if (held.HolderWriteError is { } holderError)
            {
                Log.RunLockHolderNotWritten(logger, holderError, request.RunId, SyncRunLock.HolderFilePath(lockFilePath));
            }

            var report = await inner.RunAsync(request, progress, cancellationToken);
            Log.RunLockReleased(logger, request.RunId, lockFilePath);
            return report;
        }
    }

    private SyncReport Busy(SyncRequest request, SyncRunHolder? holder)
    {
        var holderText = holder?.Describe() ?? "a run whose details are unknown";
        var reason = $"Another sync of these watchlists is already running: {holderText}. This run changed nothing. Run it again once that run has finished. The lock file is {lockFilePath}.";
        Log.RunLockBusy(logger, request.RunId, holder?.RunId ?? "unknown", lockFilePath);

        var now = timeProvider.GetUtcNow();
        return new SyncReport
        {
            RunId = request.RunId,
            Outcome = SyncOutcome.Stopped,
            Reason = reason,
            StartedAt = now,
            AsOf = request.AsOf ?? now,
            Source = new SourceSummary(0, 0, 0, 0),
            SourceRead = false,
            Watchlists = [],
            Arm = new ArmCallSummary(0, 0, 0, 0, 0),
            DryRun = false,
            DurationMs = 0,
        };
    }
}
