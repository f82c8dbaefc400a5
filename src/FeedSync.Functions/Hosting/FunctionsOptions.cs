namespace FeedSync.Functions.Hosting;

/// <summary>
/// Settings of the Functions app, bound from the <c>FeedSync:Functions</c> section
/// (app settings <c>FeedSync__Functions__...</c>) and validated at start-up. Which indicators a run reads
/// comes from the ingestion settings (<c>FeedSync:Ingestion</c>), as for the command line.
/// </summary>
public sealed class FunctionsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FeedSync:Functions";

    /// <summary>
    /// The six-field NCRONTAB schedule (second minute hour day month day-of-week) of the <c>SyncTimer</c>
    /// function. Required, because the Functions host resolves the timer's <c>%FeedSync:Functions:Schedule%</c>
    /// from the same setting and fails to index the function without it. The infrastructure templates and
    /// <c>local.settings.sample.json</c> set <c>0 0 * * * *</c> (hourly, on the hour).
    /// </summary>
    public string? Schedule { get; set; }

    /// <summary>When true, timer runs compute and record the plan without writing to Sentinel. Default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>The blob container that holds the sync lease blob. Default <c>feedsync-locks</c>.</summary>
    public string LeaseContainer { get; set; } = "feedsync-locks";

    /// <summary>The blob whose lease allows one sync at a time. Default <c>sync.lock</c>.</summary>
    public string LeaseBlob { get; set; } = "sync.lock";

    /// <summary>The lease duration in seconds, 15 to 60 as Blob storage allows. Default 60.</summary>
    public int LeaseDurationSeconds { get; set; } = 60;

    /// <summary>
    /// How often, in seconds, a running sync renews its lease. At most half the lease duration, so that a failed
    /// renewal can be retried before the lease expires. Default 20.
    /// </summary>
    public int LeaseRenewalSeconds { get; set; } = 20;

    /// <summary>The table that stores one entity per sync run. Default <c>FeedSyncRuns</c>.</summary>
    public string RunHistoryTable { get; set; } = "FeedSyncRuns";
}
