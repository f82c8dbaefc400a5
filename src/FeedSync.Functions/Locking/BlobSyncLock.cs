using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FeedSync.Functions.Logging;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Locking;

/// <summary>
/// A sync lock on a blob lease. The lease blob's metadata records the holder's run id, so that a rejected
/// caller can name the running sync. A crashed holder's lease expires after the lease duration.
/// </summary>
internal sealed class BlobSyncLock : ISyncLock
{
    /// <summary>The metadata key that stores the run id of the lease holder.</summary>
    internal const string HolderMetadataKey = "runid";

    private readonly BlobContainerClient container;
    private readonly BlobClient blob;
    private readonly BlobSyncLockSettings settings;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Func<BlobClient, string, BlobLeaseClient> createLeaseClient;

    public BlobSyncLock(
        BlobContainerClient container,
        BlobSyncLockSettings settings,
        TimeProvider timeProvider,
        ILogger<BlobSyncLock> logger,
        Func<BlobClient, string, BlobLeaseClient>? createLeaseClient = null)
    {
        this.container = container;
        this.settings = settings;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.createLeaseClient = createLeaseClient ?? ((client, leaseId) => client.GetBlobLeaseClient(leaseId));
        blob = container.GetBlobClient(settings.BlobName);
    }

    public async Task<SyncLockAcquisition> TryAcquireAsync(string runId, CancellationToken cancellationToken = default)
    {
        // A second attempt covers a holder that released its lease between our acquire and our read.
        for (int attempt = 1; ; attempt++)
        {
            BlobLeaseClient lease = createLeaseClient(blob, Guid.NewGuid().ToString());
            if (await TryAcquireLeaseAsync(lease, createBlobIfMissing: true, cancellationToken))
            {
                return SyncLockAcquisition.Taken(await StartHoldingAsync(lease, runId, cancellationToken));
            }

            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.LeaseState == LeaseState.Leased || attempt == 2)
            {
                properties.Metadata.TryGetValue(HolderMetadataKey, out string? holderRunId);
                return SyncLockAcquisition.HeldBy(string.IsNullOrEmpty(holderRunId) ? null : holderRunId);
            }
        }
    }

    private async Task<bool> TryAcquireLeaseAsync(BlobLeaseClient lease, bool createBlobIfMissing, CancellationToken cancellationToken)
    {
        try
        {
            await lease.AcquireAsync(settings.LeaseDuration, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && createBlobIfMissing)
        {
            await CreateLeaseBlobAsync(cancellationToken);
            return await TryAcquireLeaseAsync(lease, createBlobIfMissing: false, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // LeaseAlreadyPresent, or LeaseIsBreakingAndCannotBeAcquired while a broken lease runs out.
            return false;
        }
    }

    private async Task CreateLeaseBlobAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        try
        {
            BlobUploadOptions createOnly = new() { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.Empty, createOnly, cancellationToken);
            Log.LeaseBlobCreated(logger, container.Name, blob.Name);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another instance created the blob first.
        }
    }

    private async Task<ISyncLockHandle> StartHoldingAsync(BlobLeaseClient lease, string runId, CancellationToken cancellationToken)
    {
        try
        {
            Dictionary<string, string> metadata = new() { [HolderMetadataKey] = runId };
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or OperationCanceledException)
        {
            await ReleaseUnrecordedLeaseAsync(lease, runId);
            throw;
        }

        Log.LeaseAcquired(logger, runId, container.Name, blob.Name, (int)settings.LeaseDuration.TotalSeconds);
        return new BlobSyncLockHandle(lease, blob, runId, settings, timeProvider, logger);
    }

    private async Task ReleaseUnrecordedLeaseAsync(BlobLeaseClient lease, string runId)
    {
        try
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException)
        {
            Log.LeaseReleaseFailed(logger, exception, runId, (int)settings.LeaseDuration.TotalSeconds);
        }
    }
}
