using System.Text.Json;
using FeedSync.Functions.Runs;

namespace FeedSync.Functions.Http;

/// <summary>
/// The optional JSON body of <c>POST /api/sync</c>: <c>{"families": ["win.remcos"], "days": 1, "dryRun": true}</c>.
/// Every field is optional; an omitted field keeps the configured value. Field names match case-insensitively.
/// </summary>
internal static class SyncRequestBody
{
    /// <summary>The largest body accepted, in bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The most families one request may name.</summary>
    public const int MaxFamilies = 100;

    /// <summary>The longest family name accepted, in characters.</summary>
    public const int MaxFamilyLength = 100;

    public const string FamiliesField = "families";
    public const string DaysField = "days";
    public const string DryRunField = "dryRun";

    /// <summary>The error key for problems with the body as a whole.</summary>
    public const string BodyField = "body";

    private const int MaxEchoedChars = 60;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    /// <summary>Parses a body; an empty or all-whitespace body means no overrides.</summary>
    public static SyncRequestBodyResult Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return SyncRequestBodyResult.Valid(SyncOverrides.None);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return SyncRequestBodyResult.Invalid(BodyField, $"The request body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            return ParseObject(document.RootElement);
        }
    }

    private static SyncRequestBodyResult ParseObject(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return SyncRequestBodyResult.Invalid(
                BodyField,
                $"The request body must be a JSON object such as {{\"families\": [\"win.remcos\"], \"days\": 1, \"dryRun\": true}}; got {Describe(root)}.");
        }

        Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
        HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string>? families = null;
        int? days = null;
        bool? dryRun = null;

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                AddError(errors, property.Name, $"{property.Name} appears more than once; give each field once.");
                continue;
            }

            switch (property.Name.ToUpperInvariant())
            {
                case "FAMILIES":
                    families = ParseFamilies(property.Value, errors);
                    break;
                case "DAYS":
                    days = ParseDays(property.Value, errors);
                    break;
                case "DRYRUN":
                    dryRun = ParseDryRun(property.Value, errors);
                    break;
                default:
                    AddError(errors, Shorten(property.Name),
                        $"'{Shorten(property.Name)}' is not a field of a sync request. The fields are {FamiliesField}, {DaysField} and {DryRunField}.");
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return new SyncRequestBodyResult(null, errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
        }

        return SyncRequestBodyResult.Valid(new SyncOverrides(families, days, dryRun));
    }

    private static List<string>? ParseFamilies(JsonElement value, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            AddError(errors, FamiliesField,
                $"{FamiliesField} must be an array of malware family names such as [\"win.remcos\"]; got {Describe(value)}. Omit it to use the configured families.");
            return null;
        }

        int count = value.GetArrayLength();
        if (count > MaxFamilies)
        {
            AddError(errors, FamiliesField, $"{FamiliesField} has {count} entries; at most {MaxFamilies} are allowed.");
            return null;
        }

        List<string> families = [];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            string? family = item.ValueKind == JsonValueKind.String ? item.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(family) || family.Length > MaxFamilyLength || family.Any(char.IsControl))
            {
                AddError(errors, $"{FamiliesField}[{index}]",
                    $"{FamiliesField}[{index}] must be a family id, name or alias of 1 to {MaxFamilyLength} characters without control characters; got {Describe(item)}.");
            }
            else if (!families.Contains(family, StringComparer.OrdinalIgnoreCase))
            {
                families.Add(family);
            }

            index++;
        }

        return families;
    }

    private static int? ParseDays(JsonElement value, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int days) && days is >= 1 and <= 7)
        {
            return days;
        }

        AddError(errors, DaysField, $"{DaysField} must be a whole number from 1 to 7; got {Describe(value)}.");
        return null;
    }

    private static bool? ParseDryRun(JsonElement value, Dictionary<string, List<string>> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        AddError(errors, DryRunField, $"{DryRunField} must be true or false; got {Describe(value)}.");
        return null;
    }

    private static void AddError(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out List<string>? messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Describes a JSON value for an error message, quoting at most a short prefix of it.</summary>
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => Shorten(value.GetRawText()),
    };

    /// <summary>Returns at most a short prefix of request text, with control characters replaced so it cannot forge log lines.</summary>
    private static string Shorten(string text)
    {
        string prefix = text.Length <= MaxEchoedChars ? text : string.Concat(text.AsSpan(0, MaxEchoedChars), "...");
        return string.Create(prefix.Length, prefix, (span, source) =>
        {
            for (int index = 0; index < source.Length; index++)
            {
                span[index] = char.IsControl(source[index]) ? '?' : source[index];
            }
        });
    }
}

/// <summary>A parsed sync request body: the overrides, or the errors by field.</summary>
internal sealed record SyncRequestBodyResult(SyncOverrides? Overrides, IReadOnlyDictionary<string, string[]> Errors)
{
    public static SyncRequestBodyResult Valid(SyncOverrides overrides) => new(overrides, new Dictionary<string, string[]>());

    public static SyncRequestBodyResult Invalid(string field, string message) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] });
}
