using Microsoft.Extensions.Logging;

namespace FeedSync.Normalisation;

/// <summary>Log messages of ingestion and normalisation, event ids 2000 to 2999.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Ingest from {Source} starting")]
    public static partial void IngestStarting(ILogger logger, string source);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Ingest from {Source} ({Format}) finished: {Records} records, {Accepted} accepted, {Rejected} rejected, {Indicators} indicators in {ElapsedMs} ms")]
    public static partial void IngestFinished(ILogger logger, string source, string format, long records, long accepted, long rejected, int indicators, long elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Ingest from {Source} failed after {Records} records; nothing was imported")]
    public static partial void IngestFailed(ILogger logger, string source, long records, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Ingest from {Source}: {Count} records with unknown IOC type {IocType} were rejected")]
    public static partial void UnknownIocType(ILogger logger, string source, string iocType, long count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Ingest from {Source}: {Count} records have the unknown threat type {ThreatType}; they were accepted")]
    public static partial void UnknownThreatType(ILogger logger, string source, string threatType, long count);
}
