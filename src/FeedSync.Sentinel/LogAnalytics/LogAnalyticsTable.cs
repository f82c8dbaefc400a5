namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>A table of a query result.</summary>
public sealed class LogAnalyticsTable
{
    private readonly Dictionary<string, int> _columnIndexes;

    internal LogAnalyticsTable(string name, IReadOnlyList<LogAnalyticsColumn> columns)
    {
        Name = name;
        Columns = columns;
        _columnIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < columns.Count; index++)
        {
            _columnIndexes.TryAdd(columns[index].Name, index);
        }
    }

    /// <summary>The table name, <c>PrimaryResult</c> for a query's main result.</summary>
    public string Name { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<LogAnalyticsColumn> Columns { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<LogAnalyticsRow> Rows { get; internal set; } = [];

    /// <summary>Returns a column's ordinal.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such column.</exception>
    public int GetColumnIndex(string columnName) =>
        _columnIndexes.TryGetValue(columnName, out var index)
            ? index
            : throw new KeyNotFoundException($"Table '{Name}' has no column '{columnName}'. Its columns: {string.Join(", ", Columns.Select(column => column.Name))}.");
}
