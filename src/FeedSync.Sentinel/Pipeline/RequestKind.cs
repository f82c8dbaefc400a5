namespace FeedSync.Sentinel.Pipeline;

/// <summary>What a request does, for the call counts and for the role named in authorization errors.</summary>
internal enum RequestKind
{
    /// <summary>An ARM GET, including polls of asynchronous operations.</summary>
    Read,

    /// <summary>An ARM PUT.</summary>
    Write,

    /// <summary>An ARM DELETE.</summary>
    Delete,

    /// <summary>A Log Analytics query (a read-only POST).</summary>
    Query,
}
