namespace FeedSync.Sync;

/// <summary>
/// A token bucket that paces item writes to a sustained rate with an initial burst, on the injected
/// <see cref="TimeProvider"/>, so that a run stays inside ARM's write budget instead of living on 429 answers.
/// </summary>
internal sealed class WritePacer
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly double ratePerSecond;
    private readonly double capacity;
    private double tokens;
    private long refilledAt;

    /// <summary>Creates a pacer; a <paramref name="ratePerSecond"/> of 0 never waits.</summary>
    public WritePacer(TimeProvider timeProvider, double ratePerSecond, int burst)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);

        this.timeProvider = timeProvider;
        this.ratePerSecond = ratePerSecond;
        capacity = Math.Max(1, burst);
        tokens = capacity;
        refilledAt = timeProvider.GetTimestamp();
    }

    /// <summary>Waits until one more write fits the budget, and takes it.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (ratePerSecond <= 0)
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                Refill();
                if (tokens >= 1)
                {
                    tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - tokens) / ratePerSecond);
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private void Refill()
    {
        var now = timeProvider.GetTimestamp();
        var elapsed = timeProvider.GetElapsedTime(refilledAt, now);
        refilledAt = now;
        tokens = Math.Min(capacity, tokens + (elapsed.TotalSeconds * ratePerSecond));
    }
}
