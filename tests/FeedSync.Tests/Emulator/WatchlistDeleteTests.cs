using System.Net;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class WatchlistDeleteTests : EmulatorTestBase
{
    private const string Alias = "feedsync-ip";

    protected override void Configure(SentinelEmulatorOptions options) => options.DeleteDuration = TimeSpan.FromMinutes(5);

    [SetUp]
    public Task CreateAliasAsync() => CreateWatchlistAsync(Alias);

    [Test]
    public async Task Delete_Watchlist_Returns200WithRecordedHeaders()
    {
        // Act
        using var response = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo("{}"));
        Assert.That(response.Headers.GetValues("Azure-AsyncOperation").Single(), Does.Contain($"/Watchlists/{Alias}/watchlistStatuses/"));
        Assert.That(response.Headers.Location!.AbsoluteUri, Does.Contain($"/Watchlists/{Alias}/watchlistStatuses/"));
        Assert.That(response.Headers.GetValues("x-ms-ratelimit-remaining-subscription-deletes").Single(), Is.EqualTo("199"));
    }

    [Test]
    public async Task Delete_DuringDeleteDuration_StaysInProgressAndBlocksRecreate()
    {
        // Arrange
        using var deleted = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));
        var statusUrl = deleted.Headers.GetValues("Azure-AsyncOperation").Single();
        Clock.Advance(TimeSpan.FromMinutes(4));

        // Act
        using var poll = await Client.GetAsync(statusUrl);
        var status = (await ReadJsonAsync(poll))!;
        using var recreate = await PutAsync(Client, WatchlistPath(Alias), WatchlistBody());
        var error = (await ReadJsonAsync(recreate))!;
        using var itemWrite = await PutAsync(Client, ItemPath(Alias, Guid.NewGuid()), ItemBody("1.2.3.4"));

        // Assert
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("InProgress"));
        Assert.That(recreate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.StartWith("Delete is currently in progress"));
        Assert.That(itemWrite.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Get_DuringDelete_ReportsDeletingState()
    {
        // Arrange
        using var deleted = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistPath(Alias)));
        var body = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(body["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Deleting"));
    }

    [Test]
    public async Task Delete_AfterDeleteDuration_SucceedsAndAllowsRecreate()
    {
        // Arrange
        using var deleted = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));
        var statusUrl = deleted.Headers.GetValues("Azure-AsyncOperation").Single();
        Clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        var status = await WatchlistUploads.PollAsync(Client, statusUrl);
        using var fetched = await Client.GetAsync(WithVersion(WatchlistPath(Alias)));
        using var recreate = await PutAsync(Client, WatchlistPath(Alias), WatchlistBody());

        // Assert
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(recreate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_Twice_ReturnsSameOperation()
    {
        // Arrange
        using var first = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));

        // Act
        using var second = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias)));

        // Assert
        Assert.That(StatusPath(second), Is.EqualTo(StatusPath(first)));
    }

    [Test]
    public async Task Delete_MissingWatchlist_Returns204()
    {
        // Act
        using var response = await Client.DeleteAsync(WithVersion(WatchlistPath("missing")));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private static string StatusPath(HttpResponseMessage response) =>
        new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single()).AbsolutePath;
}
