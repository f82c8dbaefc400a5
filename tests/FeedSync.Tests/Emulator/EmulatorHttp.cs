using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

/// <summary>
/// Plain HTTP access to an emulator: a client that trusts the emulator's certificate and nothing else, and
/// helpers that build the ARM paths of its default workspace.
/// </summary>
internal static class EmulatorHttp
{
    public const string SecurityInsightsVersion = "2025-12-01";
    public const string SavedSearchVersion = "2025-07-01";

    public static HttpClient CreateClient(SentinelEmulator emulator, bool withToken = true) =>
        CreateClient(emulator.BaseUri, emulator.Certificate, withToken);

    /// <summary>Creates a client for <paramref name="baseUri"/> that accepts only the <paramref name="trusted"/> certificate.</summary>
    public static HttpClient CreateClient(Uri baseUri, X509Certificate2 trusted, bool withToken = true)
    {
#pragma warning disable CA2000 // The client owns and disposes the handler.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.RawData.AsSpan().SequenceEqual(trusted.RawData),
        };
#pragma warning restore CA2000
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (withToken)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
        }

        return client;
    }

    public static string WorkspacePath(EmulatorWorkspace workspace) =>
        $"subscriptions/{workspace.SubscriptionId}/resourceGroups/{workspace.ResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{workspace.WorkspaceName}";

    public static string WatchlistsPath(EmulatorWorkspace workspace) =>
        WorkspacePath(workspace) + "/providers/Microsoft.SecurityInsights/watchlists";

    public static string WatchlistPath(string alias, EmulatorWorkspace? workspace = null) =>
        $"{WatchlistsPath(workspace ?? EmulatorWorkspace.Default)}/{alias}";

    public static string ItemPath(string alias, Guid itemId) => $"{WatchlistPath(alias)}/watchlistItems/{itemId:D}";

    public static string WithVersion(string path, string version = SecurityInsightsVersion) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-version=" + version;

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public static JsonObject WatchlistBody(string displayName = "FeedSync test", string searchKey = "Indicator") => new()
    {
        ["properties"] = new JsonObject
        {
            ["displayName"] = displayName,
            ["provider"] = "FeedSync",
            ["itemsSearchKey"] = searchKey,
            ["sourceType"] = "Local",
        },
    };

    public static JsonObject ItemBody(string indicator) => new()
    {
        ["properties"] = new JsonObject { ["itemsKeyValue"] = new JsonObject { ["Indicator"] = indicator, ["IndicatorType"] = "ip" } },
    };

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, JsonNode body, string version = SecurityInsightsVersion)
    {
        using var content = Json(body);
        return await client.PutAsync(WithVersion(path, version), content);
    }
}
