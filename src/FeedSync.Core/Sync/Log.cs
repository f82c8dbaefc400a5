using Microsoft.Extensions.Logging;

namespace FeedSync.Sync;

/// <summary>The sync's log messages, event ids 5000 to 5099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Sync run {RunId} started: source {Source}, dry run {DryRun}, force {Force}, as of {AsOf}")]
    public static partial void RunStarted(ILogger logger, string runId, string source, bool dryRun, bool force, DateTimeOffset asOf);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Sync run {RunId} finished with outcome {Outcome} in {DurationMs} ms: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged")]
    public static partial void RunFinished(ILogger logger, string runId, SyncOutcome outcome, long durationMs, int added, int updated, int removed, int unchanged);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Sync run {RunId} read {Records} records from {Source}: {Accepted} accepted, {Rejected} rejected, {Indicators} indicators")]
    public static partial void FeedRead(ILogger logger, string runId, string source, long records, long accepted, long rejected, int indicators);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Sync run {RunId} failed reading source {Source}; nothing was written")]
    public static partial void FeedFailed(ILogger logger, Exception exception, string runId, string source);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Sync run {RunId} stopped before writing: {Reason}")]
    public static partial void RunStopped(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Sync run {RunId} planned watchlist {Alias}: {Added} to add, {Updated} to update, {Expired} to expire, {Duplicates} duplicates to delete, {Unchanged} unchanged, {SkippedExpired} skipped as expired")]
    public static partial void WatchlistPlanned(ILogger logger, string runId, string alias, int added, int updated, int expired, int duplicates, int unchanged, int skippedExpired);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Sync run {RunId} failed reading or writing the workspace")]
    public static partial void WorkspaceFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Sync run {RunId} created watchlist {Alias}")]
    public static partial void WatchlistCreated(ILogger logger, string runId, string alias);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Sync run {RunId} uploaded {Rows} rows to watchlist {Alias} in bulk request {Request} of {Requests} ({Bytes} bytes)")]
    public static partial void BulkUploaded(ILogger logger, string runId, string alias, int rows, int request, int requests, int bytes);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Sync run {RunId} left {Count} rows of watchlist {Alias} alone: they carry the FeedSync marker but no readable indicator id")]
    public static partial void UnreadableRows(ILogger logger, string runId, string alias, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Sync run {RunId} dry run: {Changes} changes planned, nothing written")]
    public static partial void DryRunPlanned(ILogger logger, string runId, int changes);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Sync run {RunId} forced past the removal threshold: watchlist {Alias} loses {Removals} of {Managed} managed indicators")]
    public static partial void RemovalForced(ILogger logger, string runId, string alias, int removals, int managed);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Sync run {RunId} wrote the watchlists but failed publishing the hunting queries")]
    public static partial void HuntingFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Sync run {RunId} publishes hunting queries that read watchlists with prefix {HuntingPrefix}, but the sync writes prefix {SyncPrefix}; set FeedSync:Hunting:WatchlistAliasPrefix and FeedSync:Sync:AliasPrefix to the same value")]
    public static partial void HuntingPrefixMismatch(ILogger logger, string runId, string huntingPrefix, string syncPrefix);
}
