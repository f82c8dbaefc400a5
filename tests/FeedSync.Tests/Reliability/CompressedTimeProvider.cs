namespace FeedSync.Tests.Reliability;

/// <summary>
/// The system clock with every timer shortened by <see cref="Factor"/>, so that retry backoff, <c>Retry-After</c>
/// waits, polling intervals and write pacing run in a fraction of their real time while keeping their order and
/// proportions. The current time and timestamps stay real.
/// </summary>
/// <remarks>
/// Injected 429 responses from the emulator carry a <c>Retry-After</c> of at least one second, which the client honours.
/// At a factor of 50 such a wait takes 20 milliseconds. Attempt timeouts shrink by the same factor, so callers
/// must set them that much longer.
/// </remarks>
internal sealed class CompressedTimeProvider(int factor) : TimeProvider
{
    /// <summary>How many times faster than real time every timer fires.</summary>
    public int Factor { get; } = factor;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Shorten(dueTime), Shorten(period));

    private TimeSpan Shorten(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;
}
