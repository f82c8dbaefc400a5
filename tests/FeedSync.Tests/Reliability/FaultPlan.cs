using System.Globalization;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// The faults and settings of one seeded fault run. Each seed has one main fault, chosen by the seed in turn so
/// that every kind gets the same number of runs, and further faults drawn at random on top.
/// </summary>
internal sealed record FaultPlan
{
    /// <summary>The main faults, one per seed in turn.</summary>
    public enum MainFault
    {
        ThrottleStorm,
        ServerErrors,
        AddedLatency,
        DroppedWrites,
        LostResponses,
        LingeringDelete,
    }

    public required int Seed { get; init; }

    public required MainFault Main { get; init; }

    public double ThrottleRate { get; init; }

    public double ServerErrorRate { get; init; }

    public TimeSpan AddedLatency { get; init; }

    /// <summary>Writes the emulator serves before it starts aborting writes before they take effect; null never.</summary>
    public int? DropConnectionAfterWrites { get; init; }

    /// <summary>The share of responses lost after the emulator acted on the request.</summary>
    public double ResponseLossRate { get; init; }

    /// <summary>Whether a watchlist is deleted, and still being deleted, when the second faulty run starts.</summary>
    public bool LingeringDelete { get; init; }

    public required int MaxRetries { get; init; }

    public required int IndicatorCount { get; init; }

    public required int BulkAddThreshold { get; init; }

    public required int BulkRequestMaxBytes { get; init; }

    public required int MaxParallelWrites { get; init; }

    /// <summary>The watchlist alias prefix of this run, distinct per seed.</summary>
    public string AliasPrefix => string.Create(CultureInfo.InvariantCulture, $"Rel{Seed:D4}");

    /// <summary>Draws the plan of <paramref name="seed"/>.</summary>
    public static FaultPlan For(int seed)
    {
        var random = new Random(seed);
        var main = (MainFault)(seed % Enum.GetValues<MainFault>().Length);
        bool Extra() => random.NextDouble() < 0.3;

        return new FaultPlan
        {
            Seed = seed,
            Main = main,
            ThrottleRate = main == MainFault.ThrottleStorm ? 0.2 + (random.NextDouble() * 0.4) : Extra() ? random.NextDouble() * 0.15 : 0,
            ServerErrorRate = main == MainFault.ServerErrors ? 0.1 + (random.NextDouble() * 0.3) : Extra() ? random.NextDouble() * 0.1 : 0,
            AddedLatency = TimeSpan.FromMilliseconds(main == MainFault.AddedLatency ? random.Next(5, 25) : Extra() ? random.Next(1, 5) : 0),
            DropConnectionAfterWrites = main == MainFault.DroppedWrites ? random.Next(0, 8) : Extra() ? random.Next(5, 20) : null,
            ResponseLossRate = main == MainFault.LostResponses ? 0.1 + (random.NextDouble() * 0.3) : Extra() ? random.NextDouble() * 0.1 : 0,
            LingeringDelete = main == MainFault.LingeringDelete || random.NextDouble() < 0.1,
            MaxRetries = random.Next(1, 5),
            IndicatorCount = random.Next(8, 31),
            BulkAddThreshold = random.Next(0, 16),
            BulkRequestMaxBytes = random.Next(4_096, 12_000),
            MaxParallelWrites = random.Next(1, 5),
        };
    }

    /// <summary>The sync settings of this run.</summary>
    public Dictionary<string, string?> SyncSettings() => new()
    {
        ["FeedSync:Sync:AliasPrefix"] = AliasPrefix,
        ["FeedSync:Sync:BulkAddThreshold"] = BulkAddThreshold.ToString(CultureInfo.InvariantCulture),
        ["FeedSync:Sync:BulkRequestMaxBytes"] = BulkRequestMaxBytes.ToString(CultureInfo.InvariantCulture),
        ["FeedSync:Sync:MaxParallelWrites"] = MaxParallelWrites.ToString(CultureInfo.InvariantCulture),

        // Expiry removes a large share of these small watchlists, and the removal threshold is not what these runs test.
        ["FeedSync:Sync:RemovalThresholdPercent"] = "100",
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"seed {Seed} (main fault {Main}: throttle {ThrottleRate:F2}, 5xx {ServerErrorRate:F2}, latency {AddedLatency.TotalMilliseconds} ms, drop after {DropConnectionAfterWrites?.ToString(CultureInfo.InvariantCulture) ?? "never"}, response loss {ResponseLossRate:F2}, lingering delete {LingeringDelete}; {IndicatorCount} indicators, retries {MaxRetries}, bulk above {BulkAddThreshold}, bulk bytes {BulkRequestMaxBytes}, parallel {MaxParallelWrites})");
}
