namespace FeedSync.Sentinel;

/// <summary>
/// A failed Sentinel, saved-search or Log Analytics request: an error status from the service, a
/// failed asynchronous operation, or a connection that failed on every attempt.
/// </summary>
/// <remarks>
/// The message names what failed, the service's error and, for 401 and 403, the role the identity
/// probably lacks. No raw HTTP response is attached.
/// </remarks>
public class SentinelRequestException : Exception
{
    /// <summary>The <see cref="ErrorCode"/> of a request whose server certificate is not trusted.</summary>
    public const string CertificateNotTrustedCode = "CertificateNotTrusted";

    /// <summary>Creates an exception with a message only (status 0).</summary>
    public SentinelRequestException()
        : this("The Sentinel request failed.")
    {
    }

    /// <summary>Creates an exception with a message only (status 0).</summary>
    public SentinelRequestException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause (status 0).</summary>
    public SentinelRequestException(string message, Exception? innerException)
        : this(0, null, message, null, innerException)
    {
    }

    /// <summary>Creates an exception for a failed request.</summary>
    /// <param name="status">The HTTP status, or 0 when no response arrived.</param>
    /// <param name="errorCode">The service's error code, such as <c>AuthorizationFailed</c>, when it sent one.</param>
    /// <param name="message">The full message.</param>
    /// <param name="requestId">The service's request id (<c>x-ms-request-id</c>), when it sent one.</param>
    /// <param name="innerException">The transport failure, when there was no response.</param>
    public SentinelRequestException(int status, string? errorCode, string message, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The service's error code, or a client code such as <c>ConnectionFailed</c>; null when unknown.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's request id (<c>x-ms-request-id</c>) to quote to Azure support; null when unknown.</summary>
    public string? RequestId { get; }

    /// <summary>The retries made before the request was given up, when it was retried.</summary>
    public int Retries { get; init; }
}
