using System.Text.Json;
using System.Xml;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>Reads and writes the Log Analytics query API's JSON.</summary>
internal static class LogAnalyticsQueryJson
{
    public static BinaryData WriteQuery(string query, TimeSpan? timespan)
    {
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            if (timespan is { } duration)
            {
                writer.WriteString("timespan", XmlConvert.ToString(duration));
            }

            writer.WriteEndObject();
        });
    }

    public static LogAnalyticsQueryResult ReadResult(JsonElement root)
    {
        var tables = new List<LogAnalyticsTable>();
        if (root.TryGetProperty("tables", out var tablesElement) && tablesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var tableElement in tablesElement.EnumerateArray())
            {
                tables.Add(ReadTable(tableElement));
            }
        }

        return new LogAnalyticsQueryResult(tables, ReadError(root));
    }

    private static LogAnalyticsTable ReadTable(JsonElement element)
    {
        var name = element.TryGetProperty("name", out var nameElement) ? nameElement.GetString() ?? string.Empty : string.Empty;
        var columns = new List<LogAnalyticsColumn>();
        if (element.TryGetProperty("columns", out var columnsElement) && columnsElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var column in columnsElement.EnumerateArray())
            {
                columns.Add(new LogAnalyticsColumn(
                    column.GetProperty("name").GetString() ?? string.Empty,
                    column.TryGetProperty("type", out var type) ? type.GetString() ?? "string" : "string"));
            }
        }

        var table = new LogAnalyticsTable(name, columns);
        var rows = new List<LogAnalyticsRow>();
        if (element.TryGetProperty("rows", out var rowsElement) && rowsElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var rowElement in rowsElement.EnumerateArray())
            {
                rows.Add(ReadRow(table, rowElement));
            }
        }

        table.Rows = rows;
        return table;
    }

    private static LogAnalyticsRow ReadRow(LogAnalyticsTable table, JsonElement rowElement)
    {
        var values = new object?[table.Columns.Count];
        var index = 0;
        foreach (var cell in rowElement.EnumerateArray())
        {
            if (index >= values.Length)
            {
                throw new JsonException($"A row of table '{table.Name}' has more cells than its {values.Length} columns.");
            }

            values[index] = LogAnalyticsValue.Convert(cell, table.Columns[index].Type);
            index++;
        }

        return new LogAnalyticsRow(table, values);
    }

    private static LogAnalyticsQueryError? ReadError(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() ?? "Unknown" : "Unknown";
        var messages = new List<string>();
        AddMessage(messages, error);
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                AddMessage(messages, detail);
            }
        }

        var inner = error;
        while (inner.TryGetProperty("innererror", out var next) && next.ValueKind == JsonValueKind.Object)
        {
            AddMessage(messages, next);
            inner = next;
        }

        return new LogAnalyticsQueryError(code, string.Join(" ", messages.Distinct(StringComparer.Ordinal)));
    }

    private static void AddMessage(List<string> messages, JsonElement element)
    {
        if (element.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString() is { Length: > 0 } text)
        {
            messages.Add(text);
        }
    }
}
