using System.Net;
using Microsoft.Extensions.Logging;

namespace FeedSync.ThreatFox;

/// <summary>Log messages of the ThreatFox client, event ids 1000 to 1999. None of them carries the Auth-Key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "ThreatFox query {Query} starting against {BaseUrl}")]
    public static partial void QueryStarting(ILogger logger, string query, Uri baseUrl);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "ThreatFox query {Query} answered with HTTP {StatusCode} after {ElapsedMs} ms")]
    public static partial void QueryAnswered(ILogger logger, string query, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "ThreatFox query {Query} attempt {Attempt} failed with {Outcome}; retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string query, int attempt, string outcome, long delayMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "ThreatFox query {Query} failed: {ErrorKind} (HTTP {StatusCode})")]
    public static partial void QueryFailed(ILogger logger, string query, ThreatFoxErrorKind errorKind, HttpStatusCode? statusCode, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "ThreatFox query {Query} read {Records} records")]
    public static partial void QueryCompleted(ILogger logger, string query, long records);
}
