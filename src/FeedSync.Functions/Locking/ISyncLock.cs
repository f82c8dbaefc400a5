namespace FeedSync.Functions.Locking;

/// <summary>The lock that allows one sync at a time across triggers and scaled-out instances.</summary>
internal interface ISyncLock
{
    /// <summary>
    /// Takes the lock for a run, or reports which run holds it. The returned handle keeps the lock until it
    /// is disposed.
    /// </summary>
    Task<SyncLockAcquisition> TryAcquireAsync(string runId, CancellationToken cancellationToken = default);
}

/// <summary>A held sync lock. Disposing it releases the lock.</summary>
internal interface ISyncLockHandle : IAsyncDisposable
{
    /// <summary>The run that holds the lock.</summary>
    string RunId { get; }

    /// <summary>Canceled when the lock was lost, for example after the lease could not be renewed in time.</summary>
    CancellationToken LockLost { get; }
}

/// <summary>The outcome of an attempt to take the sync lock.</summary>
/// <param name="Handle">The held lock, or null when another run holds it.</param>
/// <param name="HolderRunId">The run that holds the lock when it was not taken; null when unknown.</param>
internal sealed record SyncLockAcquisition(ISyncLockHandle? Handle, string? HolderRunId)
{
    /// <summary>True when the lock was taken.</summary>
    public bool Acquired => Handle is not null;

    public static SyncLockAcquisition Taken(ISyncLockHandle handle) => new(handle, null);

    public static SyncLockAcquisition HeldBy(string? holderRunId) => new(null, holderRunId);
}
