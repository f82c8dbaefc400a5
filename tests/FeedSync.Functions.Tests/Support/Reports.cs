using FeedSync.Sync;

namespace FeedSync.Functions.Tests.Support;

/// <summary>Sync reports for tests.</summary>
internal static class Reports
{
    public static SyncReport Succeeded(string runId, int watchlists = 2) => new()
    {
        RunId = runId,
        Outcome = SyncOutcome.Succeeded,
        StartedAt = new DateTimeOffset(2025, 12, 4, 20, 11, 0, TimeSpan.Zero),
        Source = new SourceSummary(Records: 1200, Accepted: 1150, Rejected: 50, Indicators: 1100),
        Watchlists = Enumerable.Range(0, watchlists)
            .Select(index => new WatchlistChangeSummary($"ThreatFox{index}", Added: 10 + index, Updated: 2, Removed: 1, Unchanged: 900) { SkippedExpired = 3 })
            .ToList(),
        Arm = new ArmCallSummary(Reads: 12, Writes: 30, Deletes: 1, Retries: 2, Throttled: 1),
        DryRun = false,
        DurationMs = 4200,
    };

    public static SyncReport Stopped(string runId) => Succeeded(runId) with
    {
        Outcome = SyncOutcome.Stopped,
        Reason = "Removing 40% of ThreatFoxIp exceeds the 20% safety threshold.",
    };
}
