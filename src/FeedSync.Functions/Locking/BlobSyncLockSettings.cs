namespace FeedSync.Functions.Locking;

/// <summary>Where the sync lease lives and how long it lasts.</summary>
/// <param name="BlobName">The lease blob's name inside its container.</param>
/// <param name="LeaseDuration">The lease duration, 15 to 60 seconds.</param>
/// <param name="RenewalInterval">How often the holder renews the lease.</param>
internal sealed record BlobSyncLockSettings(string BlobName, TimeSpan LeaseDuration, TimeSpan RenewalInterval)
{
    /// <summary>The longest wait before retrying a failed renewal.</summary>
    public TimeSpan MaxRenewalRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long disposing a handle waits for the release call.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
