using Microsoft.Extensions.Logging;

namespace FeedSync.Sentinel;

/// <summary>The Sentinel client's log events (ids 3000 to 3099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Sentinel client created for {Target}: ARM endpoint {ArmEndpoint}, Log Analytics endpoint {LogAnalyticsEndpoint}, cloud {Cloud}")]
    public static partial void ClientCreated(ILogger logger, string target, Uri armEndpoint, Uri logAnalyticsEndpoint, string cloud);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Retrying {Operation} '{Resource}' (retry {Retry}) in {DelayMs} ms after {Reason}; request id {RequestId}, client request id {ClientRequestId}")]
    public static partial void RequestRetrying(ILogger logger, string operation, string resource, int retry, long delayMs, string reason, string? requestId, string clientRequestId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "{Operation} '{Resource}' failed with status {Status} ({ErrorCode}) after {Retries} retries; request id {RequestId}, client request id {ClientRequestId}")]
    public static partial void RequestFailed(ILogger logger, string operation, string resource, int status, string? errorCode, int retries, string? requestId, string clientRequestId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "{Operation} '{Resource}' got no response after {Retries} retries; client request id {ClientRequestId}")]
    public static partial void RequestTransportFailed(ILogger logger, Exception exception, string operation, string resource, int retries, string clientRequestId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "{Operation} '{Resource}' was not sent: the server certificate of {Endpoint} is not trusted; client request id {ClientRequestId}")]
    public static partial void RequestCertificateRejected(ILogger logger, Exception exception, string operation, string resource, string endpoint, string clientRequestId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "{Operation} '{Resource}' was throttled and asked to wait {RetryAfterMs} ms, longer than the {MaxRetryAfterMs} ms allowed; not retrying. Request id {RequestId}")]
    public static partial void RetryAfterTooLong(ILogger logger, string operation, string resource, long retryAfterMs, long maxRetryAfterMs, string? requestId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Waiting for the asynchronous {Operation} of '{Resource}'")]
    public static partial void OperationStarted(ILogger logger, string operation, string resource);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug,
        Message = "Asynchronous {Operation} of '{Resource}' is {Status}; polling again in {DelayMs} ms")]
    public static partial void OperationPolled(ILogger logger, string operation, string resource, string status, long delayMs);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information,
        Message = "Asynchronous {Operation} of '{Resource}' finished with {Status} after {Polls} polls")]
    public static partial void OperationFinished(ILogger logger, string operation, string resource, string status, int polls);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information,
        Message = "Uploading {Bytes} bytes of CSV to watchlist '{Alias}' (part {Part} of {Parts})")]
    public static partial void BulkUploadStarting(ILogger logger, string alias, int bytes, int part, int parts);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information,
        Message = "Delete of watchlist '{Alias}' accepted; status URL received: {HasStatusUrl}")]
    public static partial void WatchlistDeleteAccepted(ILogger logger, string alias, bool hasStatusUrl);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning,
        Message = "Write to watchlist '{Alias}' rejected because a delete of that alias is still in progress; request id {RequestId}")]
    public static partial void WatchlistDeleteInProgress(ILogger logger, string alias, string? requestId);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning,
        Message = "Log Analytics query on workspace {WorkspaceId} returned a partial error {ErrorCode}: {ErrorMessage}")]
    public static partial void QueryPartialError(ILogger logger, Guid workspaceId, string errorCode, string errorMessage);
}
