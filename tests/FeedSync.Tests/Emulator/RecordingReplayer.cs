using System.Text;
using System.Text.Json.Nodes;

namespace FeedSync.Tests.Emulator;

/// <summary>
/// Sends recorded requests to an emulator and lists where its responses differ from the recorded ones: status code,
/// the exact body shape, stable values (ids, names, types, error codes and messages), the recorded ARM headers,
/// and etag behaviour (a recorded etag that repeats must repeat in the emulator too, and a new one must be new).
/// </summary>
internal sealed class RecordingReplayer(HttpClient client)
{
    private static readonly HashSet<string> VolatileKeys = new(StringComparer.Ordinal)
    {
        "etag", "createdAt", "lastModifiedAt", "created", "updated", "createdBy", "updatedBy", "lastModifiedBy",
        "watchlistId", "tenantId", "objectId", "email",
    };

    private static readonly string[] ComparedHeaders =
    [
        "x-ms-ratelimit-remaining-subscription-reads", "x-ms-ratelimit-remaining-subscription-writes",
        "x-ms-ratelimit-remaining-subscription-deletes", "Azure-AsyncOperation", "Location",
    ];

    private readonly Dictionary<string, string> etags = new(StringComparer.Ordinal);

    public async Task<List<string>> ReplayAsync(RecordedExchange exchange)
    {
        var differences = new List<string>();
        using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), exchange.Uri.PathAndQuery.TrimStart('/'));
        if (exchange.RequestContent is not null)
        {
            request.Content = new StringContent(MapEtags(exchange.RequestContent), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != exchange.Status)
        {
            differences.Add($"status: expected {exchange.Status}, got {(int)response.StatusCode} ({text})");
            return differences;
        }

        foreach (var header in ComparedHeaders.Where(exchange.Headers.ContainsKey))
        {
            if (!response.Headers.Contains(header))
            {
                differences.Add($"header {header}: missing");
            }
        }

        var expected = exchange.ResponseContent is null ? null : JsonNode.Parse(exchange.ResponseContent);
        var actual = text.Length == 0 ? null : JsonNode.Parse(text);
        if (expected is null || actual is null)
        {
            if ((expected is null) != (actual is null))
            {
                differences.Add($"body: expected {exchange.ResponseContent ?? "none"}, got {(text.Length == 0 ? "none" : text)}");
            }

            return differences;
        }

        differences.AddRange(JsonShape.Differences(expected, actual, exact: true));
        CompareResources(expected, actual, differences);
        return differences;
    }

    private void CompareResources(JsonNode expected, JsonNode actual, List<string> differences)
    {
        if (expected["value"] is not JsonArray expectedEntries)
        {
            CompareValues(expected, actual, "$", differences);
            TrackEtag(expected, actual, differences);
            return;
        }

        var actualEntries = actual["value"]!.AsArray();
        foreach (var expectedEntry in expectedEntries.Where(entry => !IsBuiltIn(entry)))
        {
            var id = expectedEntry!["id"]!.GetValue<string>();
            var actualEntry = actualEntries.FirstOrDefault(entry => entry!["id"]!.GetValue<string>() == id);
            if (actualEntry is null)
            {
                differences.Add($"$.value: no entry with id {id}");
                continue;
            }

            CompareValues(expectedEntry, actualEntry, $"$.value[{id}]", differences);
            TrackEtag(expectedEntry, actualEntry, differences);
        }
    }

    private static bool IsBuiltIn(JsonNode? entry) =>
        entry?["id"]?.GetValue<string>().Contains("/savedSearches/LogManagement(", StringComparison.Ordinal) == true;

    private static void CompareValues(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                foreach (var (name, value) in expectedObject.Where(pair => !VolatileKeys.Contains(pair.Key)))
                {
                    CompareValues(value, actual?[name], $"{path}.{name}", differences);
                }

                break;
            case JsonArray:
                break;
            case JsonValue when expected.ToJsonString() != actual?.ToJsonString():
                differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                break;
        }
    }

    private void TrackEtag(JsonNode expected, JsonNode actual, List<string> differences)
    {
        var recorded = expected["etag"]?.GetValue<string>();
        var emulated = actual["etag"]?.GetValue<string>();
        if (recorded is null || emulated is null)
        {
            return;
        }

        if (etags.TryGetValue(recorded, out var mapped))
        {
            if (mapped != emulated)
            {
                differences.Add($"etag: the recording repeats {recorded} but the emulator changed it from {mapped} to {emulated}");
            }

            return;
        }

        if (etags.ContainsValue(emulated))
        {
            differences.Add($"etag: the recording has a new etag {recorded} but the emulator repeated {emulated}");
        }

        etags[recorded] = emulated;
    }

    /// <summary>Replaces a recorded etag in the request body with the etag the emulator gave the same version.</summary>
    private string MapEtags(string body)
    {
        if (JsonNode.Parse(body) is not JsonObject json || json["etag"]?.GetValue<string>() is not { } recorded || !etags.TryGetValue(recorded, out var emulated))
        {
            return body;
        }

        json["etag"] = emulated;
        return json.ToJsonString();
    }
}
