using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FeedSync.Functions.Logging;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Locking;

/// <summary>
/// A held blob lease, renewed in the background until disposal. When no renewal can succeed before the lease
/// expires, or the service reports that another lease holds the blob, <see cref="LockLost"/> is canceled.
/// </summary>
internal sealed class BlobSyncLockHandle : ISyncLockHandle
{
    private readonly BlobLeaseClient lease;
    private readonly BlobClient blob;
    private readonly BlobSyncLockSettings settings;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopRenewing = new();
    private readonly CancellationTokenSource lost = new();
    private readonly Task renewalLoop;
    private DateTimeOffset lastRenewedAt;
    private int disposed;

    public BlobSyncLockHandle(
        BlobLeaseClient lease,
        BlobClient blob,
        string runId,
        BlobSyncLockSettings settings,
        TimeProvider timeProvider,
        ILogger logger)
    {
        this.lease = lease;
        this.blob = blob;
        this.settings = settings;
        this.timeProvider = timeProvider;
        this.logger = logger;
        RunId = runId;
        lastRenewedAt = timeProvider.GetUtcNow();

        // Runs synchronously up to its first await, so the first renewal is timed from the acquisition.
        renewalLoop = RenewUntilStoppedAsync(stopRenewing.Token);
    }

    public string RunId { get; }

    public CancellationToken LockLost => lost.Token;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopRenewing.CancelAsync();
        await renewalLoop;

        if (!lost.IsCancellationRequested)
        {
            await ReleaseAsync();
        }

        stopRenewing.Dispose();
        lost.Dispose();
    }

    private async Task RenewUntilStoppedAsync(CancellationToken stopToken)
    {
        TimeSpan delay = settings.RenewalInterval;
        while (!stopToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, timeProvider, stopToken);
                await lease.RenewAsync(cancellationToken: stopToken);
                lastRenewedAt = timeProvider.GetUtcNow();
                delay = settings.RenewalInterval;
                Log.LeaseRenewed(logger, RunId);
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                // The blob is gone, or another lease replaced ours after it expired.
                await MarkLostAsync(exception);
                return;
            }
            catch (Exception exception) when (exception is RequestFailedException or AggregateException or IOException or OperationCanceledException)
            {
                // A transient failure, or the client's own timeout: retry while the lease can still be renewed.
                delay = settings.MaxRenewalRetryDelay < settings.RenewalInterval ? settings.MaxRenewalRetryDelay : settings.RenewalInterval;
                if (timeProvider.GetUtcNow() + delay - lastRenewedAt >= settings.LeaseDuration)
                {
                    await MarkLostAsync(exception);
                    return;
                }

                Log.LeaseRenewalFailed(logger, exception, RunId, delay.TotalSeconds);
            }
            catch (Exception exception)
            {
                // Without renewals the lease runs out under the sync, so any other failure ends the hold too.
                await MarkLostAsync(exception);
                return;
            }
        }
    }

    private async Task MarkLostAsync(Exception exception)
    {
        Log.LeaseLost(logger, exception, RunId, blob.BlobContainerName, blob.Name);
        await lost.CancelAsync();
    }

    private async Task ReleaseAsync()
    {
        using CancellationTokenSource timeout = new(settings.ReleaseTimeout, timeProvider);
        try
        {
            // Clearing the holder first means a caller never reads a finished run as the holder.
            BlobRequestConditions heldByUs = new() { LeaseId = lease.LeaseId };
            await blob.SetMetadataAsync(new Dictionary<string, string>(), heldByUs, timeout.Token);
            await lease.ReleaseAsync(cancellationToken: timeout.Token);
            Log.LeaseReleased(logger, RunId);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or IOException or OperationCanceledException)
        {
            Log.LeaseReleaseFailed(logger, exception, RunId, (int)settings.LeaseDuration.TotalSeconds);
        }
    }
}
