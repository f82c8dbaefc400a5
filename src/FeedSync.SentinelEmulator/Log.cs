using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator;

/// <summary>The emulator's log messages (event ids 4000 to 4099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Sentinel emulator listening on {BaseUri} with {WorkspaceCount} workspace(s); state file {StateFile}")]
    public static partial void Started(ILogger logger, Uri baseUri, int workspaceCount, string stateFile);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Sentinel emulator on {BaseUri} stopped")]
    public static partial void Stopped(ILogger logger, Uri baseUri);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Loaded emulator state from {StateFile} with {WorkspaceCount} workspace(s)")]
    public static partial void StateLoaded(ILogger logger, string stateFile, int workspaceCount);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "{Method} {Path} returned {StatusCode} (request {RequestId})")]
    public static partial void RequestServed(ILogger logger, string method, string path, int statusCode, string requestId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Injected 429 for {Method} {Path} (request {RequestId})")]
    public static partial void ThrottleInjected(ILogger logger, string method, string path, string requestId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Injected {StatusCode} for {Method} {Path} (request {RequestId})")]
    public static partial void ServerErrorInjected(ILogger logger, int statusCode, string method, string path, string requestId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Aborted the connection of {Method} {Path} after {WriteCount} successful writes (request {RequestId})")]
    public static partial void ConnectionDropped(ILogger logger, string method, string path, long writeCount, string requestId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "The {Bucket} token bucket of subscription {SubscriptionId} is empty; returned 429 with Retry-After {RetryAfterSeconds}s (request {RequestId})")]
    public static partial void BucketThrottled(ILogger logger, string bucket, string subscriptionId, int retryAfterSeconds, string requestId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Returned 401 {ErrorCode} for {Method} {Path} (request {RequestId})")]
    public static partial void Unauthorized(ILogger logger, string errorCode, string method, string path, string requestId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "Request {Method} {Path} failed inside the emulator (request {RequestId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, string requestId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Operation {OperationId} ({Kind}) on watchlist {WatchlistAlias} ended {Status}")]
    public static partial void OperationEnded(ILogger logger, Guid operationId, string kind, string watchlistAlias, string status);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Rejected query on workspace {CustomerId}: {Reason}")]
    public static partial void QueryRejected(ILogger logger, Guid customerId, string reason);
}
