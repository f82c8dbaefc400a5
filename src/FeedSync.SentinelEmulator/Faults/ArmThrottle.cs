using System.Collections.Concurrent;

namespace FeedSync.SentinelEmulator.Faults;

/// <summary>The ARM request classes that have their own token bucket and <c>x-ms-ratelimit-remaining-subscription-*</c> header.</summary>
internal enum ArmOperationClass
{
    Read,
    Write,
    Delete,
}

/// <summary>ARM's per-subscription token buckets for reads, writes and deletes.</summary>
internal sealed class ArmThrottle(EmulatorThrottleLimits limits, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Subscription, ArmOperationClass Class), TokenBucket> buckets = new();
    private readonly Lock sync = new();

    public static string HeaderName(ArmOperationClass operationClass) => operationClass switch
    {
        ArmOperationClass.Read => "x-ms-ratelimit-remaining-subscription-reads",
        ArmOperationClass.Write => "x-ms-ratelimit-remaining-subscription-writes",
        _ => "x-ms-ratelimit-remaining-subscription-deletes",
    };

    public (bool Allowed, int Remaining, TimeSpan RetryAfter) TryTake(string subscriptionId, ArmOperationClass operationClass)
    {
        var now = timeProvider.GetUtcNow();
        var bucket = buckets.GetOrAdd((subscriptionId.ToUpperInvariant(), operationClass), key => Create(key.Class, now));
        lock (sync)
        {
            var (taken, remaining, retryAfter) = bucket.TryTake(now);
            return (taken, remaining, retryAfter);
        }
    }

    private TokenBucket Create(ArmOperationClass operationClass, DateTimeOffset now) => operationClass switch
    {
        ArmOperationClass.Read => new TokenBucket(limits.ReadBucketSize, limits.ReadRefillPerSecond, now),
        ArmOperationClass.Write => new TokenBucket(limits.WriteBucketSize, limits.WriteRefillPerSecond, now),
        _ => new TokenBucket(limits.DeleteBucketSize, limits.DeleteRefillPerSecond, now),
    };
}
