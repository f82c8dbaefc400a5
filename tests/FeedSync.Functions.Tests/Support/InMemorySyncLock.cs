using FeedSync.Functions.Locking;

namespace FeedSync.Functions.Tests.Support;

/// <summary>An in-process <see cref="ISyncLock"/> that counts acquisitions and releases.</summary>
internal sealed class InMemorySyncLock : ISyncLock, IDisposable
{
    private readonly Lock gate = new();
    private Handle? current;

    public int Releases { get; private set; }

    public string? HolderRunId
    {
        get
        {
            lock (gate)
            {
                return current?.RunId;
            }
        }
    }

    /// <summary>Cancels the current holder's <see cref="ISyncLockHandle.LockLost"/> token.</summary>
    public void LoseLock()
    {
        lock (gate)
        {
            current?.Lost.Cancel();
        }
    }

    public Task<SyncLockAcquisition> TryAcquireAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (current is not null)
            {
                return Task.FromResult(SyncLockAcquisition.HeldBy(current.RunId));
            }

            current = new Handle(this, runId);
            return Task.FromResult(SyncLockAcquisition.Taken(current));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Lost.Dispose();
        }
    }

    private void Release(Handle handle)
    {
        lock (gate)
        {
            if (current == handle)
            {
                current = null;
                Releases++;
            }
        }
    }

    private sealed class Handle(InMemorySyncLock owner, string runId) : ISyncLockHandle
    {
        public CancellationTokenSource Lost { get; } = new();

        public string RunId { get; } = runId;

        public CancellationToken LockLost => Lost.Token;

        public ValueTask DisposeAsync()
        {
            owner.Release(this);
            return ValueTask.CompletedTask;
        }
    }
}
