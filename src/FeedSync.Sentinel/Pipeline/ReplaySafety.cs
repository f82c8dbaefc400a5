namespace FeedSync.Sentinel.Pipeline;

/// <summary>Which failures a request may be sent again after.</summary>
internal enum ReplaySafety
{
    /// <summary>
    /// Idempotent or read-only: retried after throttling, 408, 5xx, timeouts and connection failures.
    /// GET, PUT of a whole resource, DELETE, and the read-only Log Analytics query POST.
    /// </summary>
    Idempotent,

    /// <summary>
    /// Not safe to repeat once the service may have acted on it: retried only after 429, which ARM returns
    /// before the request reaches the resource provider. A watchlist bulk upload is one, because a
    /// repeated upload adds its rows a second time.
    /// </summary>
    ThrottledOnly,
}
