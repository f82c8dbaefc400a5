namespace FeedSync.ThreatFox;

/// <summary>Maps the ThreatFox API's <c>query_status</c> to success or a <see cref="ThreatFoxException"/>.</summary>
internal static class ApiQueryStatus
{
    /// <summary>The status of a successful query with data.</summary>
    public const string Ok = "ok";

    /// <summary>The status of a successful query that matched nothing; it is an empty result, not an error.</summary>
    public const string NoResult = "no_result";

    /// <summary>Throws unless <paramref name="queryStatus"/> is <c>ok</c> or <c>no_result</c>.</summary>
    public static void EnsureSuccess(string? queryStatus, string? dataMessage, string source)
    {
        if (queryStatus is Ok or NoResult)
        {
            return;
        }

        var detail = string.IsNullOrWhiteSpace(dataMessage) ? string.Empty : $" ThreatFox message: \"{dataMessage}\".";
        var error = queryStatus switch
        {
            null => new ThreatFoxException(
                ThreatFoxErrorKind.InvalidResponse,
                $"The ThreatFox response in '{source}' has no query_status, so it cannot be trusted.{detail} Check FeedSync:ThreatFox:BaseUrl points at the ThreatFox API (default https://threatfox-api.abuse.ch/api/v1/).",
                queryStatus: null,
                source: source),
            "unknown_auth_key" => new ThreatFoxException(
                ThreatFoxErrorKind.Unauthorized,
                $"ThreatFox rejected the Auth-Key (query_status 'unknown_auth_key').{detail} Set FeedSync:ThreatFox:ApiKey to a valid key from https://auth.abuse.ch/.",
                queryStatus: queryStatus,
                source: source),
            "ratelimited" => new ThreatFoxException(
                ThreatFoxErrorKind.RateLimited,
                $"ThreatFox rate-limited the request (query_status 'ratelimited').{detail} Run less often or with fewer days.",
                queryStatus: queryStatus,
                source: source),
            _ when queryStatus.StartsWith("illegal_", StringComparison.Ordinal) => new ThreatFoxException(
                ThreatFoxErrorKind.IllegalParameter,
                $"ThreatFox rejected a query parameter (query_status '{queryStatus}').{detail} Check the value it names: days must be 1 to 7, limit at most 1000, and malware, tag and search term must not be empty.",
                queryStatus: queryStatus,
                source: source),
            _ => new ThreatFoxException(
                ThreatFoxErrorKind.UnknownQueryStatus,
                $"ThreatFox returned the unknown query_status '{queryStatus}'.{detail} FeedSync imports nothing it does not understand; report the status if it persists.",
                queryStatus: queryStatus,
                source: source),
        };
        throw source == ThreatFoxException.ApiSource ? error : SavedErrorResponse(error, detail, source);
    }

    /// <summary>
    /// Creates the error for a file that contains an API error response. The fix is a new download, not a
    /// setting, because someone else fetched the file.
    /// </summary>
    private static ThreatFoxException SavedErrorResponse(ThreatFoxException error, string detail, string source)
    {
        var status = error.QueryStatus is null ? "no query_status" : $"query_status '{error.QueryStatus}'";
        return new ThreatFoxException(
            error.Kind,
            $"Source '{source}' is a ThreatFox API response with {status} instead of records.{detail} Save the response of a successful query, or read the live API with --source threatfox. Nothing was imported.",
            queryStatus: error.QueryStatus,
            source: source);
    }
}
