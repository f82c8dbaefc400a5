namespace FeedSync.SentinelEmulator;

/// <summary>
/// Faults the emulator injects. The emulator reads these properties on every request, so a test may change
/// them while the emulator runs. Injected faults happen before the request takes effect.
/// </summary>
public sealed class EmulatorFaultOptions
{
    private int? dropConnectionAfterWrites;
    private long dropConnectionSetCount;

    /// <summary>Gets or sets the share (0 to 1) of requests that get 429 with <c>Retry-After</c>. Default 0.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Gets or sets the seconds that injected 429 responses put in <c>Retry-After</c>. Default 1.</summary>
    public int ThrottleRetryAfterSeconds { get; set; } = 1;

    /// <summary>Gets or sets the share (0 to 1) of requests that fail with 500, 502, 503 or 504. Default 0.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Gets or sets the latency added to every request. Default zero.</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>
    /// Gets or sets the number of successful ARM writes (PUT and DELETE) after which every further write has its
    /// connection aborted without a response. The writes are counted from the last time this property was set.
    /// Default null: never.
    /// </summary>
    public int? DropConnectionAfterWrites
    {
        get => dropConnectionAfterWrites;
        set
        {
            dropConnectionAfterWrites = value;
            Interlocked.Increment(ref dropConnectionSetCount);
        }
    }

    /// <summary>Gets or sets the seed of the random choices behind the rates. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Gets or sets whether every bearer token is rejected with 401 <c>InvalidAuthenticationToken</c>. Default false.</summary>
    public bool RejectTokens { get; set; }

    /// <summary>
    /// Gets or sets whether ARM writes and deletes get 403 <c>AuthorizationFailed</c>, as for a caller
    /// without the Microsoft Sentinel Contributor role. Default false.
    /// </summary>
    public bool ForbidWrites { get; set; }

    /// <summary>Gets or sets whether ARM reads get 403 <c>AuthorizationFailed</c>. Default false.</summary>
    public bool ForbidReads { get; set; }

    /// <summary>
    /// Gets or sets whether Log Analytics queries get 403 <c>InsufficientAccessError</c>, as for a caller
    /// without the Log Analytics Reader role. Default false.
    /// </summary>
    public bool ForbidQueries { get; set; }

    /// <summary>Gets how often <see cref="DropConnectionAfterWrites"/> was set, so that the count of writes restarts on each change.</summary>
    internal long DropConnectionSetCount => Interlocked.Read(ref dropConnectionSetCount);
}
