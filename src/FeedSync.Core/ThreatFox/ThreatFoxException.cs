using System.Net;

namespace FeedSync.ThreatFox;

/// <summary>A failed ThreatFox API call. The message names what to fix and never contains the Auth-Key.</summary>
public sealed class ThreatFoxException : FeedSourceException
{
    /// <summary>The source name that API failures carry.</summary>
    public const string ApiSource = "threatfox";

    /// <summary>Creates an exception of <paramref name="kind"/>; <paramref name="source"/> names a saved API response read from a file.</summary>
    public ThreatFoxException(
        ThreatFoxErrorKind kind,
        string message,
        HttpStatusCode? statusCode = null,
        string? queryStatus = null,
        Exception? innerException = null,
        string source = ApiSource)
        : base(source, message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        QueryStatus = queryStatus;
    }

    /// <summary>Why the call failed.</summary>
    public ThreatFoxErrorKind Kind { get; }

    /// <summary>The HTTP status of the last response, when one arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>query_status</c> of the response, when it had one.</summary>
    public string? QueryStatus { get; }
}
