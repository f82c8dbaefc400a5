namespace FeedSync.SentinelEmulator;

/// <summary>
/// ARM's per-subscription token buckets. Each request takes one token from its bucket; each bucket refills
/// continuously. Defaults are ARM's published limits: reads 250 refilled at 25 a second, writes 200 refilled
/// at 10 a second, deletes 200 refilled at 10 a second.
/// </summary>
public sealed class EmulatorThrottleLimits
{
    /// <summary>Gets or sets the read bucket size. Default 250.</summary>
    public int ReadBucketSize { get; set; } = 250;

    /// <summary>Gets or sets the read tokens added per second. Default 25.</summary>
    public double ReadRefillPerSecond { get; set; } = 25;

    /// <summary>Gets or sets the write bucket size. Default 200.</summary>
    public int WriteBucketSize { get; set; } = 200;

    /// <summary>Gets or sets the write tokens added per second. Default 10.</summary>
    public double WriteRefillPerSecond { get; set; } = 10;

    /// <summary>Gets or sets the delete bucket size. Default 200.</summary>
    public int DeleteBucketSize { get; set; } = 200;

    /// <summary>Gets or sets the delete tokens added per second. Default 10.</summary>
    public double DeleteRefillPerSecond { get; set; } = 10;
}
