using System.Globalization;
using System.Text.Json;
using System.Xml;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.Watchlists;

/// <summary>Reads and writes the SecurityInsights watchlist and watchlist item JSON.</summary>
internal static class WatchlistJson
{
    /// <summary>Writes a watchlist PUT body; <paramref name="csv"/> makes it a bulk upload.</summary>
    public static BinaryData WriteWatchlist(SentinelWatchlistData data, string? csv = null, int numberOfLinesToSkip = 0, string? source = null)
    {
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            if (data.ETag is not null)
            {
                writer.WriteString("etag", data.ETag);
            }

            writer.WriteStartObject("properties");
            writer.WriteString("displayName", data.DisplayName);
            writer.WriteString("provider", data.Provider);
            writer.WriteString("itemsSearchKey", data.ItemsSearchKey);
            writer.WriteString("sourceType", data.SourceType);
            WriteIfNotNull(writer, "source", source ?? data.Source);
            WriteIfNotNull(writer, "description", data.Description);
            if (data.Labels.Count > 0)
            {
                writer.WriteStartArray("labels");
                foreach (var label in data.Labels)
                {
                    writer.WriteStringValue(label);
                }

                writer.WriteEndArray();
            }

            if (data.DefaultDuration is { } duration)
            {
                writer.WriteString("defaultDuration", XmlConvert.ToString(duration));
            }

            if (csv is not null)
            {
                writer.WriteString("contentType", "text/csv");
                writer.WriteNumber("numberOfLinesToSkip", numberOfLinesToSkip);
                writer.WriteString("rawContent", csv);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes a watchlist item PUT body.</summary>
    public static BinaryData WriteItem(IReadOnlyDictionary<string, string> itemsKeyValue)
    {
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("properties");
            writer.WriteStartObject("itemsKeyValue");
            foreach (var (column, value) in itemsKeyValue)
            {
                writer.WriteString(column, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    public static SentinelWatchlist ReadWatchlist(JsonElement element)
    {
        var properties = element.TryGetProperty("properties", out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
        var alias = GetString(element, "name") ?? GetString(properties, "watchlistAlias") ?? string.Empty;

        return new SentinelWatchlist
        {
            Alias = alias,
            Id = GetString(element, "id"),
            ETag = GetString(element, "etag"),
            WatchlistId = GetString(properties, "watchlistId"),
            DisplayName = GetString(properties, "displayName") ?? string.Empty,
            Provider = GetString(properties, "provider") ?? string.Empty,
            ItemsSearchKey = GetString(properties, "itemsSearchKey") ?? string.Empty,
            Description = GetString(properties, "description"),
            Source = GetString(properties, "source"),
            SourceType = GetString(properties, "sourceType"),
            Labels = GetStrings(properties, "labels"),
            DefaultDuration = GetDuration(properties, "defaultDuration"),
            ProvisioningState = GetString(properties, "provisioningState"),
            UploadStatus = GetString(properties, "uploadStatus"),
            Created = GetDate(properties, "created"),
            Updated = GetDate(properties, "updated"),
            IsDeleted = GetBoolean(properties, "isDeleted"),
        };
    }

    public static SentinelWatchlistItem ReadItem(JsonElement element)
    {
        var properties = element.TryGetProperty("properties", out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
        var idText = GetString(properties, "watchlistItemId") ?? GetString(element, "name");
        if (!Guid.TryParse(idText, out var itemId))
        {
            throw new JsonException($"The watchlist item id '{idText}' in the response is not a GUID.");
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("itemsKeyValue", out var keyValues)
            && keyValues.ValueKind == JsonValueKind.Object)
        {
            foreach (var column in keyValues.EnumerateObject())
            {
                columns[column.Name] = column.Value.ValueKind switch
                {
                    JsonValueKind.String => column.Value.GetString() ?? string.Empty,
                    JsonValueKind.Null => string.Empty,
                    _ => column.Value.GetRawText(),
                };
            }
        }

        return new SentinelWatchlistItem(itemId, columns)
        {
            ETag = GetString(element, "etag"),
            Created = GetDate(properties, "created"),
            Updated = GetDate(properties, "updated"),
            IsDeleted = GetBoolean(properties, "isDeleted"),
        };
    }

    private static string? GetString(JsonElement element, string name) => JsonBody.GetString(element, name);

    private static void WriteIfNotNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static IReadOnlyList<string> GetStrings(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)];
    }

    private static DateTimeOffset? GetDate(JsonElement element, string name) =>
        DateTimeOffset.TryParse(GetString(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static TimeSpan? GetDuration(JsonElement element, string name)
    {
        var text = GetString(element, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool GetBoolean(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
