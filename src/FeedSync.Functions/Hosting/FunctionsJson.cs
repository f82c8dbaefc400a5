using System.Text.Json;
using System.Text.Json.Serialization;

namespace FeedSync.Functions.Hosting;

/// <summary>
/// The JSON form of everything the app returns and stores: camelCase names, enums as camelCase strings and
/// null values left out.
/// </summary>
internal static class FunctionsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Returns an enum value's name as it appears in JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
