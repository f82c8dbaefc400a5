using System.Globalization;
using System.Text.Json;

namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>Converts a JSON cell to the .NET type of its Kusto column type.</summary>
/// <remarks>
/// The service sends numbers and booleans as JSON numbers and booleans, but some published examples
/// send them as strings, so both forms are read. A <c>dynamic</c> cell arrives as JSON text in a string
/// and becomes a <see cref="JsonElement"/>; text that is not JSON stays a string.
/// </remarks>
internal static class LogAnalyticsValue
{
    public static object? Convert(JsonElement cell, string columnType)
    {
        if (cell.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return columnType.ToUpperInvariant() switch
        {
            "STRING" => cell.ValueKind == JsonValueKind.String ? cell.GetString() : cell.GetRawText(),
            "LONG" => ReadNumber(cell, static text => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture), static element => element.GetInt64()),
            "INT" => ReadNumber(cell, static text => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture), static element => element.GetInt32()),
            "REAL" or "DOUBLE" => ReadNumber(cell, static text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), static element => element.GetDouble()),
            "DECIMAL" => ReadNumber(cell, static text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), static element => element.GetDecimal()),
            "BOOL" or "BOOLEAN" => cell.ValueKind == JsonValueKind.String ? bool.Parse(cell.GetString()!) : cell.GetBoolean(),
            "DATETIME" or "DATE" => DateTimeOffset.Parse(cell.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            "TIMESPAN" or "TIME" => TimeSpan.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
            "GUID" or "UNIQUEID" => Guid.Parse(cell.GetString()!),
            "DYNAMIC" => ReadDynamic(cell),
            _ => cell.ValueKind == JsonValueKind.String ? cell.GetString() : cell.Clone(),
        };
    }

    private static object ReadNumber<T>(JsonElement cell, Func<string, T> parse, Func<JsonElement, T> read)
        where T : notnull =>
        cell.ValueKind == JsonValueKind.String ? parse(cell.GetString()!) : read(cell);

    private static object? ReadDynamic(JsonElement cell)
    {
        if (cell.ValueKind != JsonValueKind.String)
        {
            return cell.Clone();
        }

        var text = cell.GetString()!;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
