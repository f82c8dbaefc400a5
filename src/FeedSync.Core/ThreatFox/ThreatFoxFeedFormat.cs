namespace FeedSync.ThreatFox;

/// <summary>The shape of ThreatFox content, as detected from the content itself.</summary>
public enum ThreatFoxFeedFormat
{
    /// <summary>The export JSON: one object keyed by IOC id whose values are arrays of records.</summary>
    ExportJson,

    /// <summary>The export CSV: <c>#</c> comment lines (the last one the header) and quoted, comma-separated rows.</summary>
    ExportCsv,

    /// <summary>An API response body: <c>{"query_status": ..., "data": ...}</c>.</summary>
    ApiResponse,

    /// <summary>API records, one JSON object per line.</summary>
    Ndjson,

    /// <summary>A ZIP archive holding one file in one of the other formats.</summary>
    Zip,
}
