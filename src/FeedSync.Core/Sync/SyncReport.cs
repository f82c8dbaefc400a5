namespace FeedSync.Sync;

/// <summary>
/// The summary of one sync run. Its JSON form (camelCase) is what <c>feedsync sync --output json</c>
/// prints and what the Functions app stores and returns.
/// </summary>
public sealed record SyncReport
{
    /// <summary>The run id from the request.</summary>
    public required string RunId { get; init; }

    /// <summary>How the run ended.</summary>
    public required SyncOutcome Outcome { get; init; }

    /// <summary>Why the run stopped or failed; null when it succeeded.</summary>
    public string? Reason { get; init; }

    /// <summary>When the run started, in UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>What the feed produced.</summary>
    public required SourceSummary Source { get; init; }

    /// <summary>What the run did, or with a dry run would do, to each managed watchlist.</summary>
    public required IReadOnlyList<WatchlistChangeSummary> Watchlists { get; init; }

    /// <summary>The ARM calls the run made.</summary>
    public required ArmCallSummary Arm { get; init; }

    /// <summary>True when nothing was written.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The run's wall time in milliseconds.</summary>
    public required long DurationMs { get; init; }
}

/// <summary>How a sync run ended.</summary>
public enum SyncOutcome
{
    /// <summary>The plan was computed and, unless it was a dry run, applied.</summary>
    Succeeded,

    /// <summary>A safety rule stopped the run before any write.</summary>
    Stopped,

    /// <summary>The feed or the workspace failed.</summary>
    Failed,
}

/// <summary>The feed side of a run.</summary>
/// <param name="Records">Records read from the source.</param>
/// <param name="Accepted">Records that became (part of) an accepted indicator.</param>
/// <param name="Rejected">Records rejected with a reason.</param>
/// <param name="Indicators">Distinct indicators after merging and filtering.</param>
public sealed record SourceSummary(long Records, long Accepted, long Rejected, long Indicators);

/// <summary>The changes to one watchlist.</summary>
public sealed record WatchlistChangeSummary(string Alias, int Added, int Updated, int Removed, int Unchanged)
{
    /// <summary>Indicators not added because they were already past their retention.</summary>
    public int SkippedExpired { get; init; }
}

/// <summary>The ARM calls of a run.</summary>
public sealed record ArmCallSummary(long Reads, long Writes, long Deletes, long Retries, long Throttled);
