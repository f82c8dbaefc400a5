namespace FeedSync.ThreatFox;

/// <summary>Why a ThreatFox API call failed.</summary>
public enum ThreatFoxErrorKind
{
    /// <summary>The request was invalid before it was sent, such as <c>days</c> outside 1 to 7.</summary>
    InvalidRequest,

    /// <summary>No Auth-Key is configured, or ThreatFox rejected it (HTTP 401, <c>unknown_auth_key</c>).</summary>
    Unauthorized,

    /// <summary>HTTP 402: the account behind the Auth-Key needs payment or a plan for this query.</summary>
    PaymentRequired,

    /// <summary>HTTP 403: the Auth-Key may not run this query, or the client address is blocked.</summary>
    Forbidden,

    /// <summary>HTTP 429 or <c>ratelimited</c>, after every retry.</summary>
    RateLimited,

    /// <summary>HTTP 5xx, after every retry.</summary>
    ServerError,

    /// <summary>Another unexpected HTTP status.</summary>
    UnexpectedStatus,

    /// <summary>A <c>query_status</c> starting with <c>illegal_</c>: ThreatFox rejected a parameter.</summary>
    IllegalParameter,

    /// <summary>A <c>query_status</c> that FeedSync does not know.</summary>
    UnknownQueryStatus,

    /// <summary>The response body was not a ThreatFox API response.</summary>
    InvalidResponse,

    /// <summary>The call timed out, after every retry.</summary>
    Timeout,

    /// <summary>The connection failed, after every retry.</summary>
    NetworkError,
}
