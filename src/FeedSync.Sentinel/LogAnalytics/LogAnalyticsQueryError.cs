namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>An error the service reported beside a query's results (a partial failure).</summary>
/// <param name="Code">The error code, such as <c>PartialError</c>.</param>
/// <param name="Message">The error message, with the innermost detail appended.</param>
public sealed record LogAnalyticsQueryError(string Code, string Message);
