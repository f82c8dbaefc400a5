using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace FeedSync.Tests.Emulator;

/// <summary>One recorded HTTP exchange, read from an Azure SDK for .NET session record or a vcrpy YAML cassette.</summary>
internal sealed record RecordedExchange(
    string Method,
    Uri Uri,
    string? RequestContent,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string? ResponseContent)
{
    /// <summary>Reads the entries of an Azure SDK session record (<c>{"Entries":[...]}</c>).</summary>
    public static List<RecordedExchange> ReadSessionRecord(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        return [.. root["Entries"]!.AsArray().Select(entry => new RecordedExchange(
            entry!["RequestMethod"]!.GetValue<string>(),
            new Uri(entry["RequestUri"]!.GetValue<string>()),
            BodyText(entry["RequestBody"]),
            entry["StatusCode"]!.GetValue<int>(),
            ReadHeaders(entry["ResponseHeaders"]!.AsObject()),
            BodyText(entry["ResponseBody"])))];
    }

    /// <summary>Reads the interactions of a vcrpy cassette (<c>interactions: [{request, response}]</c>).</summary>
    public static List<RecordedExchange> ReadCassette(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var exchanges = new List<RecordedExchange>();
        foreach (var interaction in ((YamlSequenceNode)root["interactions"]).Children.Cast<YamlMappingNode>())
        {
            var request = (YamlMappingNode)interaction["request"];
            var response = (YamlMappingNode)interaction["response"];
            var headers = ((YamlMappingNode)response["headers"]).Children.ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value!,
                pair => ((YamlScalarNode)((YamlSequenceNode)pair.Value).Children[0]).Value ?? "",
                StringComparer.OrdinalIgnoreCase);
            exchanges.Add(new RecordedExchange(
                Scalar(request["method"])!,
                new Uri(Scalar(request["uri"])!),
                Scalar(request["body"]),
                int.Parse(Scalar(((YamlMappingNode)response["status"])["code"])!, System.Globalization.CultureInfo.InvariantCulture),
                headers,
                Scalar(((YamlMappingNode)response["body"])["string"])));
        }

        return exchanges;
    }

    private static string? Scalar(YamlNode node)
    {
        var value = ((YamlScalarNode)node).Value;
        return value is null or "null" or "" ? null : value;
    }

    private static string? BodyText(JsonNode? body) => body switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } text ? text : null,
        _ => body.ToJsonString(),
    };

    private static Dictionary<string, string> ReadHeaders(JsonObject headers) =>
        headers.ToDictionary(
            pair => pair.Key,
            pair => pair.Value is JsonArray array ? array[0]!.GetValue<string>() : pair.Value!.GetValue<string>(),
            StringComparer.OrdinalIgnoreCase);
}
