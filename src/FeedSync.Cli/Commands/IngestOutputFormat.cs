namespace FeedSync.Cli.Commands;

/// <summary>How <c>feedsync ingest</c> prints its result.</summary>
internal enum IngestOutputFormat
{
    /// <summary>A human-readable summary.</summary>
    Text,

    /// <summary>One JSON document (camelCase) with counts, indicators and rejects.</summary>
    Json,
}
