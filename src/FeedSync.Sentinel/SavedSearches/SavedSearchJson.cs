using System.Text.Json;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.SavedSearches;

/// <summary>Reads and writes the OperationalInsights saved-search JSON.</summary>
internal static class SavedSearchJson
{
    public static BinaryData Write(SentinelSavedSearch savedSearch)
    {
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            if (savedSearch.ETag is not null)
            {
                writer.WriteString("etag", savedSearch.ETag);
            }

            writer.WriteStartObject("properties");
            writer.WriteString("category", savedSearch.Category);
            writer.WriteString("displayName", savedSearch.DisplayName);
            writer.WriteString("query", savedSearch.Query);
            if (savedSearch.FunctionAlias is not null)
            {
                writer.WriteString("functionAlias", savedSearch.FunctionAlias);
            }

            if (savedSearch.FunctionParameters is not null)
            {
                writer.WriteString("functionParameters", savedSearch.FunctionParameters);
            }

            if (savedSearch.Version is { } version)
            {
                writer.WriteNumber("version", version);
            }

            writer.WriteStartArray("tags");
            foreach (var tag in savedSearch.Tags)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tag.Name);
                writer.WriteString("value", tag.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    public static SentinelSavedSearch Read(JsonElement element)
    {
        var properties = element.TryGetProperty("properties", out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
        var id = JsonBody.GetString(element, "name") ?? LastSegment(JsonBody.GetString(element, "id")) ?? string.Empty;

        return new SentinelSavedSearch(
            id,
            JsonBody.GetString(properties, "displayName") ?? string.Empty,
            JsonBody.GetString(properties, "category") ?? string.Empty,
            JsonBody.GetString(properties, "query") ?? string.Empty)
        {
            ETag = JsonBody.GetString(element, "etag"),
            FunctionAlias = JsonBody.GetString(properties, "functionAlias"),
            FunctionParameters = JsonBody.GetString(properties, "functionParameters"),
            Version = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("version", out var version) && version.TryGetInt64(out var number) ? number : null,
            Tags = ReadTags(properties),
        };
    }

    private static List<SavedSearchTag> ReadTags(JsonElement properties)
    {
        var tags = new List<SavedSearchTag>();
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("tags", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return tags;
        }

        foreach (var tag in array.EnumerateArray())
        {
            var name = JsonBody.GetString(tag, "name");
            if (name is not null)
            {
                tags.Add(new SavedSearchTag(name, JsonBody.GetString(tag, "value") ?? string.Empty));
            }
        }

        return tags;
    }

    private static string? LastSegment(string? id) => id is null ? null : id[(id.LastIndexOf('/') + 1)..];
}
