using Azure.Core;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>One logical request; each attempt is built from it afresh.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute request URL; nextLink and operation URLs are used exactly as the service returned them.</param>
/// <param name="Kind">What the request does.</param>
/// <param name="Operation">A short name for logs and errors, such as <c>PUT watchlist item</c>.</param>
/// <param name="Resource">The resource name for logs and errors, such as the watchlist alias.</param>
internal sealed record ServiceRequest(RequestMethod Method, Uri Uri, RequestKind Kind, string Operation, string Resource)
{
    /// <summary>The JSON body, or null for none.</summary>
    public BinaryData? Body { get; init; }

    /// <summary>Which failures the request may be repeated after.</summary>
    public ReplaySafety Replay { get; init; } = ReplaySafety.Idempotent;

    /// <summary>The <c>x-ms-client-request-id</c> sent with every attempt of this request.</summary>
    public string ClientRequestId { get; init; } = Guid.NewGuid().ToString();
}
