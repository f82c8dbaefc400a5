using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using FeedSync.SentinelEmulator.Arm;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>The validated body of a watchlist PUT.</summary>
internal sealed record WatchlistRequest(
    string DisplayName,
    string Provider,
    string ItemsSearchKey,
    string? Source,
    string? SourceType,
    string? Description,
    IReadOnlyList<string> Labels,
    string? DefaultDuration,
    int NumberOfLinesToSkip,
    string? RawContent,
    string? ContentType)
{
    private static readonly string[] SourceTypes = ["Local", "AzureStorage"];

    /// <summary>Validates a watchlist body against the 2025-12-01 schema, or returns ARM's 400.</summary>
    public static (WatchlistRequest? Request, EmulatorResponse? Error) Parse(JsonObject body)
    {
        if (body["properties"] is not JsonObject properties)
        {
            return Invalid("The 'properties' object is required. Send {\"properties\":{\"displayName\":...,\"provider\":...,\"itemsSearchKey\":...}}.");
        }

        var errors = new List<string>();
        var displayName = RequiredString(properties, "displayName", errors);
        var provider = RequiredString(properties, "provider", errors);
        var itemsSearchKey = RequiredString(properties, "itemsSearchKey", errors);
        var source = OptionalString(properties, "source", errors);
        var sourceType = OptionalString(properties, "sourceType", errors);
        var description = OptionalString(properties, "description", errors);
        var defaultDuration = OptionalString(properties, "defaultDuration", errors);
        var rawContent = OptionalString(properties, "rawContent", errors);
        var contentType = OptionalString(properties, "contentType", errors);
        var labels = ReadLabels(properties, errors);
        var linesToSkip = LinesToSkip(properties, errors);

        if (sourceType is not null)
        {
            var known = Array.Find(SourceTypes, candidate => string.Equals(candidate, sourceType, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add($"The value '{sourceType}' of 'properties.sourceType' is not valid. Allowed values: {string.Join(", ", SourceTypes)}.");
            }
            else if (known == "AzureStorage")
            {
                errors.Add("The emulator does not serve 'properties.sourceType' 'AzureStorage' (uploads from a storage SAS URI). Use 'Local' with rawContent.");
            }

            sourceType = known;
        }

        if (defaultDuration is not null && !IsIsoDuration(defaultDuration))
        {
            errors.Add($"The value '{defaultDuration}' of 'properties.defaultDuration' is not an ISO 8601 duration such as 'P14D'.");
        }

        if (errors.Count > 0)
        {
            return Invalid(string.Join(" ", errors));
        }

        var request = new WatchlistRequest(
            displayName!, provider!, itemsSearchKey!, source, sourceType, description, labels, defaultDuration, linesToSkip,
            string.IsNullOrEmpty(rawContent) ? null : rawContent, contentType);
        return (request, null);
    }

    private static (WatchlistRequest?, EmulatorResponse?) Invalid(string message) =>
        (null, EmulatorResponse.Error(400, "BadRequest", message));

    private static string? RequiredString(JsonObject properties, string name, List<string> errors)
    {
        var value = OptionalString(properties, name, errors);
        if (value is null && properties[name] is null)
        {
            errors.Add($"The 'properties.{name}' property is required.");
        }
        else if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"The 'properties.{name}' property must not be empty.");
        }

        return value;
    }

    private static string? OptionalString(JsonObject properties, string name, List<string> errors)
    {
        var node = properties[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        errors.Add($"The 'properties.{name}' property must be a string, not {node.GetValueKind()}.");
        return null;
    }

    private static string[] ReadLabels(JsonObject properties, List<string> errors)
    {
        var node = properties["labels"];
        if (node is null)
        {
            return [];
        }

        if (node is JsonArray array && array.All(label => label?.GetValueKind() == JsonValueKind.String))
        {
            return [.. array.Select(label => label!.GetValue<string>())];
        }

        errors.Add("The 'properties.labels' property must be an array of strings.");
        return [];
    }

    private static int LinesToSkip(JsonObject properties, List<string> errors)
    {
        var node = properties["numberOfLinesToSkip"];
        if (node is null)
        {
            return 0;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var lines) && lines >= 0)
        {
            return lines;
        }

        errors.Add($"The 'properties.numberOfLinesToSkip' property must be a whole number of 0 or more, not '{node.ToJsonString()}'.");
        return 0;
    }

    private static bool IsIsoDuration(string value)
    {
        try
        {
            XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
