namespace FeedSync.SentinelEmulator.Faults;

/// <summary>Draws the injected faults from <see cref="EmulatorFaultOptions"/>, with a random source seeded by its <c>Seed</c>.</summary>
internal sealed class FaultInjector(EmulatorFaultOptions faults)
{
    private static readonly int[] ServerErrorStatuses = [500, 502, 503, 504];

    private readonly Lock sync = new();
    private Random random = new(faults.Seed);
    private int seed = faults.Seed;
    private long successfulWrites;
    private long dropSetCount;
    private long writesBeforeDropLimit;

    public EmulatorFaultOptions Options => faults;

    public long SuccessfulWrites => Interlocked.Read(ref successfulWrites);

    public void CountSuccessfulWrite() => Interlocked.Increment(ref successfulWrites);

    /// <summary>Returns whether to drop this write: true once the writes since the limit was last set reach it.</summary>
    public bool ShouldDropWrite()
    {
        lock (sync)
        {
            if (dropSetCount != faults.DropConnectionSetCount)
            {
                dropSetCount = faults.DropConnectionSetCount;
                writesBeforeDropLimit = Interlocked.Read(ref successfulWrites);
            }

            return faults.DropConnectionAfterWrites is { } limit && Interlocked.Read(ref successfulWrites) - writesBeforeDropLimit >= limit;
        }
    }

    public bool ShouldThrottle() => Draw(faults.ThrottleRate);

    /// <summary>Returns the 5xx status to inject, or null.</summary>
    public int? ServerErrorStatus()
    {
        if (!Draw(faults.ServerErrorRate))
        {
            return null;
        }

        lock (sync)
        {
            return ServerErrorStatuses[random.Next(ServerErrorStatuses.Length)];
        }
    }

    private bool Draw(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (sync)
        {
            if (seed != faults.Seed)
            {
                seed = faults.Seed;
                random = new Random(seed);
            }

            return random.NextDouble() < rate;
        }
    }
}
