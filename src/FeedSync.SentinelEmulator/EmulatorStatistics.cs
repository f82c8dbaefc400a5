namespace FeedSync.SentinelEmulator;

/// <summary>Counts of the requests the emulator has served since it started. Safe to read at any time.</summary>
public sealed class EmulatorStatistics
{
    private long reads;
    private long writes;
    private long deletes;
    private long queries;
    private long throttled;
    private long serverErrors;
    private long droppedConnections;
    private long unauthorized;

    /// <summary>Gets the ARM GET requests received, including async-operation polls.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>Gets the ARM PUT requests received.</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>Gets the ARM DELETE requests received.</summary>
    public long Deletes => Interlocked.Read(ref deletes);

    /// <summary>Gets the Log Analytics query requests received.</summary>
    public long Queries => Interlocked.Read(ref queries);

    /// <summary>Gets the requests that got 429, whether by a token bucket or by fault injection.</summary>
    public long Throttled => Interlocked.Read(ref throttled);

    /// <summary>Gets the requests that got an injected 5xx status.</summary>
    public long ServerErrors => Interlocked.Read(ref serverErrors);

    /// <summary>Gets the connections aborted by fault injection.</summary>
    public long DroppedConnections => Interlocked.Read(ref droppedConnections);

    /// <summary>Gets the requests that got 401.</summary>
    public long Unauthorized => Interlocked.Read(ref unauthorized);

    internal void CountRead() => Interlocked.Increment(ref reads);

    internal void CountWrite() => Interlocked.Increment(ref writes);

    internal void CountDelete() => Interlocked.Increment(ref deletes);

    internal void CountQuery() => Interlocked.Increment(ref queries);

    internal void CountThrottled() => Interlocked.Increment(ref throttled);

    internal void CountServerError() => Interlocked.Increment(ref serverErrors);

    internal void CountDroppedConnection() => Interlocked.Increment(ref droppedConnections);

    internal void CountUnauthorized() => Interlocked.Increment(ref unauthorized);
}
