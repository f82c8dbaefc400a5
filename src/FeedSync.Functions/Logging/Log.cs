using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Logging;

/// <summary>Source-generated log methods of the Functions app, event ids 7000 to 7999.</summary>
internal static partial class Log
{
    // Runs: 7000s.
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "Sync run {RunId} starting ({Trigger}): days {Days}, families {Families}, dry run {DryRun}")]
    public static partial void SyncRunStarting(ILogger logger, string runId, string trigger, int days, string families, bool dryRun);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Sync run {RunId} finished with status {Status} in {DurationMs} ms")]
    public static partial void SyncRunFinished(ILogger logger, string runId, string status, long durationMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Sync run {RunId} ({Trigger}) not started because sync run {HolderRunId} holds the sync lease")]
    public static partial void SyncRunSkippedBusy(ILogger logger, string runId, string trigger, string holderRunId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Sync run {RunId} failed")]
    public static partial void SyncRunFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "Sync run {RunId} was canceled because the host is stopping or the invocation timed out")]
    public static partial void SyncRunCanceled(ILogger logger, string runId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error,
        Message = "Sync run {RunId} was canceled because it lost the sync lease; another instance may start a sync")]
    public static partial void SyncRunLeaseLost(ILogger logger, string runId);

    // Sync lease: 7100s.
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "Sync run {RunId} acquired the lease on blob {Container}/{Blob} for {LeaseSeconds} s")]
    public static partial void LeaseAcquired(ILogger logger, string runId, string container, string blob, int leaseSeconds);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Sync run {RunId} renewed its lease")]
    public static partial void LeaseRenewed(ILogger logger, string runId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Sync run {RunId} failed to renew its lease; retrying in {RetrySeconds} s")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string runId, double retrySeconds);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error,
        Message = "Sync run {RunId} lost its lease on blob {Container}/{Blob}")]
    public static partial void LeaseLost(ILogger logger, Exception exception, string runId, string container, string blob);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Sync run {RunId} released its lease")]
    public static partial void LeaseReleased(ILogger logger, string runId);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "Sync run {RunId} failed to release its lease; it expires within {LeaseSeconds} s")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception, string runId, int leaseSeconds);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information,
        Message = "Created the sync lease blob {Container}/{Blob}")]
    public static partial void LeaseBlobCreated(ILogger logger, string container, string blob);

    // Run history: 7200s.
    [LoggerMessage(EventId = 7200, Level = LogLevel.Error,
        Message = "Failed to store the record of sync run {RunId} with status {Status} in table {Table}")]
    public static partial void RunHistoryWriteFailed(ILogger logger, Exception exception, string runId, string status, string table);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning,
        Message = "Marked sync run {AbandonedRunId} as abandoned: its record said running, but its lease had expired")]
    public static partial void RunAbandoned(ILogger logger, string abandonedRunId);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning,
        Message = "Sync run {RunId} stored a shortened summary: the full summary of {SummaryChars} characters exceeds the table entity limit")]
    public static partial void RunSummaryTruncated(ILogger logger, string runId, int summaryChars);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning,
        Message = "Failed to mark abandoned sync runs in table {Table}; the run goes on")]
    public static partial void AbandonedRunsCheckFailed(ILogger logger, Exception exception, string table);

    // Triggers: 7300s.
    [LoggerMessage(EventId = 7300, Level = LogLevel.Warning,
        Message = "The sync timer fired late; the previous occurrence was missed")]
    public static partial void TimerPastDue(ILogger logger);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information,
        Message = "Rejected a {Method} {Path} request with status {StatusCode}: {Detail}")]
    public static partial void HttpRequestRejected(ILogger logger, string method, string path, int statusCode, string detail);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information,
        Message = "FeedSync Functions started: schedule '{Schedule}', next timer run at {NextRun:o}, workspace {WorkspaceName}, ThreatFox key configured {KeyConfigured}")]
    public static partial void Started(ILogger logger, string schedule, DateTimeOffset? nextRun, string workspaceName, bool keyConfigured);
}
