using System.Globalization;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>A typed column of a query result; the type is a Kusto scalar type name (string, datetime, long, real, bool, dynamic).</summary>
internal sealed record QueryColumn(string Name, string Type);

/// <summary>
/// A typed result table. Cell values are string, <see cref="DateTimeOffset"/>, long, double, bool,
/// <see cref="JsonNode"/> (for dynamic) or null.
/// </summary>
internal sealed record QueryTable(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public int IndexOf(string column)
    {
        for (var index = 0; index < Columns.Count; index++)
        {
            if (string.Equals(Columns[index].Name, column, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Writes the table as the Log Analytics API does: numbers and booleans as JSON values, dynamic as JSON text.</summary>
    public JsonObject ToJson(string name)
    {
        var columns = new JsonArray([.. Columns.Select(column => (JsonNode?)new JsonObject { ["name"] = column.Name, ["type"] = column.Type })]);
        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            rows.Add(new JsonArray([.. row.Select(ToJsonValue)]));
        }

        return new JsonObject { ["name"] = name, ["columns"] = columns, ["rows"] = rows };
    }

    private static JsonNode? ToJsonValue(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        DateTimeOffset time => JsonValue.Create(ArmFormat.UtcTime(time)),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        JsonNode node => JsonValue.Create(node.ToJsonString()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
