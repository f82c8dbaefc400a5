using System.Text.Json;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>Helpers shared by the request writers and response readers.</summary>
internal static class JsonBody
{
    /// <summary>Writes a request body with <paramref name="write"/>.</summary>
    public static BinaryData Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return new BinaryData(stream.ToArray());
    }

    /// <summary>Returns a string property of an object, or null when it is missing or not a string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
