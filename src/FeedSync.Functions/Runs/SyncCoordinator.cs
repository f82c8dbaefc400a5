using FeedSync.Functions.Hosting;
using FeedSync.Functions.Locking;
using FeedSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Log = FeedSync.Functions.Logging.Log;

namespace FeedSync.Functions.Runs;

/// <summary>
/// Runs one sync at a time: takes the sync lock, records the run in the history, runs the sync and records
/// how it ended. Every log line of a run, the sync's own included, carries the run id in the <c>RunId</c>
/// scope property.
/// </summary>
internal sealed class SyncCoordinator(
    ISyncLock syncLock,
    IRunHistory history,
    ISyncRunner runner,
    SyncRequestFactory requestFactory,
    TimeProvider timeProvider,
    IOptions<FunctionsOptions> options,
    ILogger<SyncCoordinator> logger)
{
    private static readonly TimeSpan FinalRecordTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs a sync unless another run holds the sync lock.</summary>
    public async Task<SyncRunResult> RunAsync(SyncRunTrigger trigger, SyncOverrides overrides, CancellationToken cancellationToken = default)
    {
        DateTimeOffset startedAt = timeProvider.GetUtcNow();
        string runId = SyncRunIds.Create(startedAt);
        Dictionary<string, object> scope = new() { ["RunId"] = runId, ["SyncTrigger"] = FunctionsJson.Name(trigger) };
        using IDisposable? logScope = logger.BeginScope(scope);

        SyncLockAcquisition acquisition = await syncLock.TryAcquireAsync(runId, cancellationToken);
        if (acquisition.Handle is not { } handle)
        {
            Log.SyncRunSkippedBusy(logger, runId, FunctionsJson.Name(trigger), acquisition.HolderRunId ?? "unknown");
            return new SyncRunResult.AlreadyRunning(acquisition.HolderRunId);
        }

        await using (handle)
        {
            SyncRequest request = requestFactory.Create(runId, overrides);
            SyncRunRecord running = new()
            {
                RunId = runId,
                Trigger = trigger,
                Status = SyncRunStatus.Running,
                StartedAt = startedAt,
                Days = request.Days,
                Families = request.Filter.Families,
                DryRun = request.DryRun,
            };

            await MarkAbandonedRunsAsync(runId, cancellationToken);
            await history.SaveAsync(running, cancellationToken);
            Log.SyncRunStarting(logger, runId, FunctionsJson.Name(trigger), request.Days, string.Join(',', request.Filter.Families), request.DryRun);

            return await RunHoldingLockAsync(handle, request, running, cancellationToken);
        }
    }

    private async Task<SyncRunResult> RunHoldingLockAsync(
        ISyncLockHandle handle,
        SyncRequest request,
        SyncRunRecord running,
        CancellationToken cancellationToken)
    {
        using CancellationTokenSource runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handle.LockLost);
        try
        {
            SyncReport report = await runner.RunAsync(request, runCancellation.Token);
            SyncRunRecord finished = running with
            {
                Status = StatusOf(report.Outcome),
                CompletedAt = timeProvider.GetUtcNow(),
                Report = report,
                Error = report.Outcome == SyncOutcome.Failed ? report.Reason : null,
            };
            await SaveFinalRecordAsync(finished);
            return new SyncRunResult.Completed(finished);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.SyncRunCanceled(logger, running.RunId);
            await SaveFinalRecordAsync(Canceled(running, "The host stopped the run, or the invocation timed out, before the sync finished."));
            throw;
        }
        catch (OperationCanceledException) when (handle.LockLost.IsCancellationRequested)
        {
            Log.SyncRunLeaseLost(logger, running.RunId);
            SyncRunRecord canceled = Canceled(running, "The run lost its sync lease, so it stopped to keep another run from overlapping it.");
            await SaveFinalRecordAsync(canceled);
            return new SyncRunResult.Failed(canceled);
        }
        catch (Exception exception)
        {
            // The run boundary: any failure of the sync ends up in the log and in the run's record.
            Log.SyncRunFailed(logger, exception, running.RunId);
            SyncRunRecord failed = running with
            {
                Status = SyncRunStatus.Failed,
                CompletedAt = timeProvider.GetUtcNow(),
                Error = $"{exception.GetType().Name}: {exception.Message}",
            };
            await SaveFinalRecordAsync(failed);
            return new SyncRunResult.Failed(failed);
        }
    }

    private async Task MarkAbandonedRunsAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await history.MarkAbandonedAsync(runId, cancellationToken);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or AggregateException)
        {
            Log.AbandonedRunsCheckFailed(logger, exception, options.Value.RunHistoryTable);
        }
    }

    /// <summary>Stores a run's last record even when the run was canceled, and logs how the run ended.</summary>
    private async Task SaveFinalRecordAsync(SyncRunRecord record)
    {
        using CancellationTokenSource timeout = new(FinalRecordTimeout, timeProvider);
        try
        {
            await history.SaveAsync(record, timeout.Token);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or AggregateException or OperationCanceledException)
        {
            Log.RunHistoryWriteFailed(logger, exception, record.RunId, FunctionsJson.Name(record.Status), options.Value.RunHistoryTable);
        }

        long durationMs = (long)((record.CompletedAt ?? record.StartedAt) - record.StartedAt).TotalMilliseconds;
        Log.SyncRunFinished(logger, record.RunId, FunctionsJson.Name(record.Status), durationMs);
    }

    private SyncRunRecord Canceled(SyncRunRecord running, string error) =>
        running with { Status = SyncRunStatus.Canceled, CompletedAt = timeProvider.GetUtcNow(), Error = error };

    private static SyncRunStatus StatusOf(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Succeeded => SyncRunStatus.Succeeded,
        SyncOutcome.Stopped => SyncRunStatus.Stopped,
        _ => SyncRunStatus.Failed,
    };
}
