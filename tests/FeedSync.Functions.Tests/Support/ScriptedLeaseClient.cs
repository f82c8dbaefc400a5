using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// A <see cref="BlobLeaseClient"/> that forwards to a real one, counts renewals and can fail the next
/// renewals with a transient error, as a storage outage would.
/// </summary>
internal sealed class ScriptedLeaseClient(BlobLeaseClient inner) : BlobLeaseClient
{
    private int renewals;
    private int failuresToInject;

    public int Renewals => Volatile.Read(ref renewals);

    public override string LeaseId => inner.LeaseId;

    /// <summary>Makes the next <paramref name="count"/> renewals throw a 503 without reaching storage.</summary>
    public void FailNextRenewals(int count) => Volatile.Write(ref failuresToInject, count);

    public override Task<Response<BlobLease>> AcquireAsync(TimeSpan duration, RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        inner.AcquireAsync(duration, conditions, cancellationToken);

    public override Task<Response<BlobLease>> RenewAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref renewals);
        if (Interlocked.Decrement(ref failuresToInject) >= 0)
        {
            throw new RequestFailedException(503, "Injected transient failure.", "ServerBusy", null);
        }

        return inner.RenewAsync(conditions, cancellationToken);
    }

    public override Task<Response<ReleasedObjectInfo>> ReleaseAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(conditions, cancellationToken);
}
