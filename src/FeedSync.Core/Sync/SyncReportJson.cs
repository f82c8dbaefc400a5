using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FeedSync.Sync;

/// <summary>The JSON form of <see cref="SyncReport"/>: camelCase names, enums as camelCase strings, nulls left out.</summary>
public static class SyncReportJson
{
    /// <summary>The serializer options that every host uses for reports.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>Serializes <paramref name="report"/>, indented when <paramref name="indented"/> is true.</summary>
    public static string Serialize(SyncReport report, bool indented = true) =>
        JsonSerializer.Serialize(report, indented ? IndentedOptions : Options);

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    public static SyncReport? Deserialize(string json) => JsonSerializer.Deserialize<SyncReport>(json, Options);

    private static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            WriteIndented = indented,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }
}
