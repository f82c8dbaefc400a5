using Microsoft.Extensions.Logging;

namespace FeedSync.Sync;

/// <summary>The sync run lock's log messages, event ids 5080 to 5089 of the sync's range.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5080, Level = LogLevel.Debug, Message = "Sync run {RunId} took the run lock {LockFile}")]
    public static partial void RunLockTaken(ILogger logger, string runId, string lockFile);

    [LoggerMessage(EventId = 5081, Level = LogLevel.Debug, Message = "Sync run {RunId} released the run lock {LockFile}")]
    public static partial void RunLockReleased(ILogger logger, string runId, string lockFile);

    [LoggerMessage(EventId = 5082, Level = LogLevel.Warning, Message = "Sync run {RunId} did not start: run {HolderRunId} holds the run lock {LockFile}")]
    public static partial void RunLockBusy(ILogger logger, string runId, string holderRunId, string lockFile);

    [LoggerMessage(EventId = 5083, Level = LogLevel.Warning, Message = "Sync run {RunId} holds the run lock but could not write {HolderFile}; runs it rejects will not name it")]
    public static partial void RunLockHolderNotWritten(ILogger logger, Exception exception, string runId, string holderFile);
}
