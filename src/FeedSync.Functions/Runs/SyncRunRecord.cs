using FeedSync.Sync;

namespace FeedSync.Functions.Runs;

/// <summary>One sync run as the run history stores it and <c>GET /api/sync/runs</c> returns it.</summary>
public sealed record SyncRunRecord
{
    /// <summary>The run id, <c>yyyyMMddTHHmmssfffZ-xxxxxxxx</c>: the UTC start time and 8 random hex digits.</summary>
    public required string RunId { get; init; }

    /// <summary>What started the run.</summary>
    public required SyncRunTrigger Trigger { get; init; }

    /// <summary>Where the run is or how it ended.</summary>
    public required SyncRunStatus Status { get; init; }

    /// <summary>When the run started, in UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended, in UTC; null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many days back the run read the feed.</summary>
    public required int Days { get; init; }

    /// <summary>The malware families the run kept; empty keeps every family.</summary>
    public required IReadOnlyList<string> Families { get; init; }

    /// <summary>True when the run wrote nothing.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Why the run failed, was canceled or was abandoned; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>The run summary from the sync; null while the run is going and when it failed with an error.</summary>
    public SyncReport? Report { get; init; }

    /// <summary>True when the stored summary lost its per-watchlist detail to fit the table entity limit.</summary>
    public bool ReportTruncated { get; init; }
}

/// <summary>What started a sync run.</summary>
public enum SyncRunTrigger
{
    /// <summary>The <c>SyncTimer</c> schedule.</summary>
    Timer,

    /// <summary>A <c>POST /api/sync</c> request.</summary>
    Http,
}

/// <summary>Where a sync run is or how it ended.</summary>
public enum SyncRunStatus
{
    /// <summary>The run holds the sync lease and has not finished.</summary>
    Running,

    /// <summary>The sync computed its plan and, unless it was a dry run, applied it.</summary>
    Succeeded,

    /// <summary>A safety rule of the sync stopped the run before any write.</summary>
    Stopped,

    /// <summary>The sync reported a failure or threw.</summary>
    Failed,

    /// <summary>The host stopped the run, or the run lost its lease.</summary>
    Canceled,

    /// <summary>The instance running it stopped without recording an end; a later run found its lease expired.</summary>
    Abandoned,
}
