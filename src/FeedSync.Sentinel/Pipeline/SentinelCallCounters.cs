using FeedSync.Workspace;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>Thread-safe counts of the requests sent, the retries made and the 429 responses received.</summary>
internal sealed class SentinelCallCounters
{
    private long _reads;
    private long _writes;
    private long _deletes;
    private long _retries;
    private long _throttled;

    public void CountSent(RequestKind kind)
    {
        switch (kind)
        {
            case RequestKind.Write:
                Interlocked.Increment(ref _writes);
                break;
            case RequestKind.Delete:
                Interlocked.Increment(ref _deletes);
                break;
            default:
                Interlocked.Increment(ref _reads);
                break;
        }
    }

    public void CountRetry() => Interlocked.Increment(ref _retries);

    public void CountThrottled() => Interlocked.Increment(ref _throttled);

    public WorkspaceCallCounts Snapshot() => new(
        Interlocked.Read(ref _reads),
        Interlocked.Read(ref _writes),
        Interlocked.Read(ref _deletes),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _throttled));
}
