namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>The result of a Log Analytics query.</summary>
public sealed class LogAnalyticsQueryResult
{
    internal LogAnalyticsQueryResult(IReadOnlyList<LogAnalyticsTable> tables, LogAnalyticsQueryError? error)
    {
        Tables = tables;
        Error = error;
    }

    /// <summary>The result tables.</summary>
    public IReadOnlyList<LogAnalyticsTable> Tables { get; }

    /// <summary>The error the service reported beside the results, or null. When set, the tables may be incomplete.</summary>
    public LogAnalyticsQueryError? Error { get; }

    /// <summary>True when the service reported an error beside the results.</summary>
    public bool IsPartial => Error is not null;

    /// <summary>The first table, which is the query's main result (<c>PrimaryResult</c>).</summary>
    /// <exception cref="InvalidOperationException">The result has no table.</exception>
    public LogAnalyticsTable Table => Tables.Count > 0
        ? Tables[0]
        : throw new InvalidOperationException("The query result has no table.");
}
