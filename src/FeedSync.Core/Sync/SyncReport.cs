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

    /// <summary>The exception that made the run fail, for callers that map it to an exit code; not serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Exception? Error { get; init; }

    /// <summary>When the run started, in UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>What the feed produced.</summary>
    public required SourceSummary Source { get; init; }

    /// <summary>False when the run stopped before reading the source, so <see cref="Source"/> counts nothing. Default: true.</summary>
    public bool SourceRead { get; init; } = true;

    /// <summary>What the run did, or with a dry run would do, to each managed watchlist.</summary>
    public required IReadOnlyList<WatchlistChangeSummary> Watchlists { get; init; }

    /// <summary>What the run did, or with a dry run would do, to the hunting queries; null when it publishes none.</summary>
    public HuntingChangeSummary? Hunting { get; init; }

    /// <summary>The ARM calls the run made.</summary>
    public required ArmCallSummary Arm { get; init; }

    /// <summary>True for a dry run, which computes the plan and writes nothing.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The time that expiry was evaluated at: the request's as-of time, else the run's start.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>
    /// Each planned change, when the request asked for them with <see cref="SyncRequest.IncludeChanges"/>;
    /// otherwise null, which keeps stored reports small.
    /// </summary>
    public IReadOnlyList<PlannedChange>? Changes { get; init; }

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

    /// <summary>Extra managed rows of one indicator that were deleted, leaving one row per indicator.</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary>The retention of the watchlist's indicators, the reason for <see cref="Removed"/> and <see cref="SkippedExpired"/>.</summary>
    public TimeSpan Retention { get; init; }

    /// <summary>True when the run created the watchlist, or with a dry run would create it.</summary>
    public bool Created { get; init; }
}

/// <summary>One planned change to one watchlist row.</summary>
/// <param name="Alias">The watchlist alias.</param>
/// <param name="Action">What happens to the row.</param>
/// <param name="Indicator">The search-key value.</param>
/// <param name="IndicatorId">The indicator's deterministic id.</param>
/// <param name="ChangedColumns">For an update, the columns whose value changes; otherwise empty.</param>
public sealed record PlannedChange(string Alias, PlannedAction Action, string Indicator, Guid IndicatorId, IReadOnlyList<string> ChangedColumns);

/// <summary>What a planned change does to a row.</summary>
public enum PlannedAction
{
    /// <summary>A new row.</summary>
    Add,

    /// <summary>A managed row whose stored columns change.</summary>
    Update,

    /// <summary>A managed row past its retention, deleted.</summary>
    Expire,

    /// <summary>An extra managed row of an indicator that has another, deleted.</summary>
    RemoveDuplicate,
}

/// <summary>The changes to the hunting queries, which Sentinel stores as saved searches.</summary>
public sealed record HuntingChangeSummary(int Created, int Updated, int Removed, int Unchanged);

/// <summary>The ARM calls of a run.</summary>
public sealed record ArmCallSummary(long Reads, long Writes, long Deletes, long Retries, long Throttled);
