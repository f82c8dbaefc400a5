namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>A column of a query result table.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The Kusto type as the service names it: <c>string</c>, <c>long</c>, <c>int</c>, <c>real</c>, <c>decimal</c>, <c>bool</c>, <c>datetime</c>, <c>timespan</c>, <c>guid</c> or <c>dynamic</c>.</param>
public sealed record LogAnalyticsColumn(string Name, string Type);
