using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

/// <summary>
/// Replays every recorded session of the shared ARM reference against an emulator configured with the recorded
/// subscription, resource group and workspace. Entries that set up the subscription, resource group, workspace
/// or Sentinel onboarding are outside the emulator and are skipped. Every other entry must get the same response.
/// </summary>
[TestFixture]
internal sealed class RecordedSessionReplayTests
{
    private const string RecordingFolder = "reference/arm/recordings/";

    private static readonly string[] SetupResourceTypes = ["resourcegroups", "workspaces", "onboardingStates", "subscriptions"];

    [TestCase("azure-sdk-assets/net/securityinsights/WatchlistCollectionApiTests().json", 8)]
    [TestCase("azure-sdk-assets/net/securityinsights/WatchlistItemCollectionApiTests().json", 9)]
    [TestCase("azure-sdk-assets/net/securityinsights/WatchlistResourceApiTests().json", 3)]
    [TestCase("azure-cli/test_monitor_log_analytics_workspace_saved_search.yaml", 7)]
    public async Task Recording_Replayed_AnswersAlike(string recording, int replayedEntries)
    {
        // Arrange
        var path = SharedData.Require(RecordingFolder + recording);
        var exchanges = path.EndsWith(".yaml", StringComparison.Ordinal)
            ? RecordedExchange.ReadCassette(path)
            : RecordedExchange.ReadSessionRecord(path);
        var served = exchanges.Where(IsServed).ToList();
        var skipped = exchanges.Where(exchange => !IsServed(exchange)).ToList();
        await using var emulator = await SentinelEmulator.StartAsync(OptionsFor(served));
        using var client = EmulatorHttp.CreateClient(emulator, withToken: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(served));
        var replayer = new RecordingReplayer(client);

        // Act
        var differences = new List<string>();
        foreach (var (exchange, index) in served.Select((exchange, index) => (exchange, index)))
        {
            var found = await replayer.ReplayAsync(exchange);
            differences.AddRange(found.Select(difference => $"#{index} {exchange.Method} {exchange.Uri.AbsolutePath}: {difference}"));
        }

        // Assert
        Assert.That(served, Has.Count.EqualTo(replayedEntries));
        Assert.That(skipped.Select(ResourceTypeOf), Is.All.AnyOf(SetupResourceTypes));
        Assert.That(differences, Is.Empty, string.Join(Environment.NewLine, differences));
    }

    private static bool IsServed(RecordedExchange exchange) =>
        exchange.Uri.AbsolutePath.Contains("/providers/Microsoft.SecurityInsights/watchlists", StringComparison.OrdinalIgnoreCase)
        || exchange.Uri.AbsolutePath.Contains("/savedSearches", StringComparison.OrdinalIgnoreCase);

    private static string ResourceTypeOf(RecordedExchange exchange)
    {
        var segments = exchange.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length % 2 == 0 ? segments[^2] : segments[^1];
    }

    private static SentinelEmulatorOptions OptionsFor(List<RecordedExchange> served)
    {
        var segments = served[0].Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var options = new SentinelEmulatorOptions { IncludeBuiltInSavedSearches = true };
        options.Workspaces.Clear();
        options.Workspaces.Add(new EmulatorWorkspace(segments[1], segments[3], segments[7], Guid.NewGuid()));
        return options;
    }

    /// <summary>Picks a user token when the recorded service reported an e-mail for the caller, else an application token.</summary>
    private static string TokenFor(List<RecordedExchange> served)
    {
        var createdBy = served
            .Select(exchange => exchange.ResponseContent is null ? null : JsonNode.Parse(exchange.ResponseContent)?["properties"]?["createdBy"])
            .FirstOrDefault(node => node is JsonObject);
        return createdBy?["email"] is null
            ? TestTokens.Application("81fa2eb4-9d84-4df5-ad32-6c22e2feb57e", "a1fc368b-7f40-4802-8fa1-260d3a6ec34b")
            : TestTokens.User("ef840452-c026-4116-9309-9a437fdf08d8", "recorded.user@contoso.example", "Recorded User");
    }
}
