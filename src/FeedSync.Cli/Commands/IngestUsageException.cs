namespace FeedSync.Cli.Commands;

/// <summary>An option value of <c>feedsync ingest</c> that is invalid; the message names the option and the fix.</summary>
internal sealed class IngestUsageException(string message) : Exception(message);
