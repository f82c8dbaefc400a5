using FeedSync.Functions.Logging;
using FeedSync.Functions.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Timer;

/// <summary>
/// <c>SyncTimer</c>: runs the configured sync on the schedule in the <c>FeedSync:Functions:Schedule</c> app
/// setting. A run that finds another sync holding the lease is skipped; a failed run fails the invocation.
/// </summary>
internal sealed class SyncTimerFunction(SyncCoordinator coordinator, ILogger<SyncTimerFunction> logger)
{
    [Function("SyncTimer")]
    public async Task RunAsync(
        [TimerTrigger("%FeedSync:Functions:Schedule%")] TimerInfo timer,
        FunctionContext context)
    {
        if (timer.IsPastDue)
        {
            Log.TimerPastDue(logger);
        }

        SyncRunResult result = await coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None, context.CancellationToken);
        if (result is SyncRunResult.Failed failed)
        {
            throw new SyncRunFailedException(failed.Record.RunId, failed.Record.Error);
        }
    }
}
