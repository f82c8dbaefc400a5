namespace FeedSync.SentinelEmulator.Faults;

/// <summary>A token bucket that refills continuously with time from a <see cref="TimeProvider"/>.</summary>
internal sealed class TokenBucket(int size, double refillPerSecond, DateTimeOffset now)
{
    private double tokens = size;
    private DateTimeOffset refilledAt = now;

    /// <summary>Takes one token if there is one; returns the whole tokens left, or the wait until the next token.</summary>
    public (bool Taken, int Remaining, TimeSpan RetryAfter) TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (tokens >= 1)
        {
            tokens -= 1;
            return (true, (int)Math.Floor(tokens), TimeSpan.Zero);
        }

        var wait = refillPerSecond > 0 ? TimeSpan.FromSeconds((1 - tokens) / refillPerSecond) : TimeSpan.FromHours(1);
        return (false, 0, wait);
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = (now - refilledAt).TotalSeconds;
        if (elapsed > 0)
        {
            tokens = Math.Min(size, tokens + (elapsed * refillPerSecond));
            refilledAt = now;
        }
    }
}
