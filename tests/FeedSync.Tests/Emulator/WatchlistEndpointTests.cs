using System.Net;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

[TestFixture]
internal sealed class WatchlistEndpointTests
{
    private SentinelEmulator emulator = null!;
    private HttpClient client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        emulator = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions());
        client = CreateClient(emulator);
    }

    [TearDown]
    public async Task StopAsync()
    {
        client.Dispose();
        await emulator.DisposeAsync();
    }

    [Test]
    public async Task Put_NewWatchlist_Returns200WithServiceShape()
    {
        // Act
        using var response = await PutAsync(client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var body = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!["id"]!.GetValue<string>(), Does.EndWith("/providers/Microsoft.SecurityInsights/Watchlists/feedsync-ip"));
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("Microsoft.SecurityInsights/Watchlists"));
        Assert.That(body["etag"]!.GetValue<string>(), Does.StartWith("\"").And.EndWith("\""));
        Assert.That(body["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
    }
}
