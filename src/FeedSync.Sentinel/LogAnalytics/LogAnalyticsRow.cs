using System.Collections;

namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>A row of a query result table, with each cell converted to its column's .NET type.</summary>
public sealed class LogAnalyticsRow : IReadOnlyList<object?>
{
    private readonly object?[] _values;
    private readonly LogAnalyticsTable _table;

    internal LogAnalyticsRow(LogAnalyticsTable table, object?[] values)
    {
        _table = table;
        _values = values;
    }

    /// <summary>The number of cells.</summary>
    public int Count => _values.Length;

    /// <summary>The cell at a column ordinal.</summary>
    public object? this[int index] => _values[index];

    /// <summary>The cell of a named column.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such column.</exception>
    public object? this[string columnName] => _values[_table.GetColumnIndex(columnName)];

    /// <summary>Returns the cell as a string: strings as they are, other values in invariant culture, null as null.</summary>
    public string? GetString(string columnName) => this[columnName] switch
    {
        null => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>Returns a <c>long</c> or <c>int</c> cell as a 64-bit integer, or null.</summary>
    public long? GetInt64(string columnName) => this[columnName] switch
    {
        null => null,
        long value => value,
        int value => value,
        var other => throw WrongType(columnName, other, "long"),
    };

    /// <summary>Returns a <c>real</c> cell as a double, or null.</summary>
    public double? GetDouble(string columnName) => this[columnName] switch
    {
        null => null,
        double value => value,
        long value => value,
        int value => value,
        var other => throw WrongType(columnName, other, "real"),
    };

    /// <summary>Returns a <c>bool</c> cell, or null.</summary>
    public bool? GetBoolean(string columnName) => this[columnName] switch
    {
        null => null,
        bool value => value,
        var other => throw WrongType(columnName, other, "bool"),
    };

    /// <summary>Returns a <c>datetime</c> cell, or null.</summary>
    public DateTimeOffset? GetDateTimeOffset(string columnName) => this[columnName] switch
    {
        null => null,
        DateTimeOffset value => value,
        var other => throw WrongType(columnName, other, "datetime"),
    };

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private InvalidCastException WrongType(string columnName, object value, string expected) =>
        new($"Column '{columnName}' of table '{_table.Name}' contains a {value.GetType().Name}, not a {expected}.");
}
