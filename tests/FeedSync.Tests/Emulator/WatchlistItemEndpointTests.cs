using System.Net;
using System.Text.Json.Nodes;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class WatchlistItemEndpointTests : EmulatorTestBase
{
    private const string Alias = "feedsync-ip";
    private static readonly Guid ItemId = Guid.Parse("6d37a904-d199-43ff-892b-53653b784122");

    [SetUp]
    public Task CreateAliasAsync() => CreateWatchlistAsync(Alias);

    [Test]
    public async Task Put_NewItem_Returns200WithServiceShape()
    {
        // Act
        using var response = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));
        var body = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["id"]!.GetValue<string>(), Does.EndWith($"/Watchlists/{Alias}/WatchlistItems/{ItemId:D}"));
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("Microsoft.SecurityInsights/Watchlists/WatchlistItems"));
        Assert.That(body["properties"]!["watchlistItemType"]!.GetValue<string>(), Is.EqualTo("watchlist-item"));
        Assert.That(body["properties"]!["itemsKeyValue"]!["Indicator"]!.GetValue<string>(), Is.EqualTo("1.1.1.2"));
        Assert.That(body["properties"]!["entityMapping"], Is.InstanceOf<JsonObject>());
    }

    [Test]
    public async Task Put_UnchangedItem_KeepsEtagAndUpdatedTime()
    {
        // Arrange
        using var first = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));
        var firstBody = (await ReadJsonAsync(first))!;
        Clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        using var second = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));
        var secondBody = (await ReadJsonAsync(second))!;

        // Assert
        Assert.That(secondBody["etag"]!.GetValue<string>(), Is.EqualTo(firstBody["etag"]!.GetValue<string>()));
        Assert.That(secondBody["systemData"]!["lastModifiedAt"]!.GetValue<string>(), Is.EqualTo(firstBody["systemData"]!["lastModifiedAt"]!.GetValue<string>()));
    }

    [Test]
    public async Task Put_ChangedItem_GetsNewEtag()
    {
        // Arrange
        using var first = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));
        var firstEtag = (await ReadJsonAsync(first))!["etag"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        using var second = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.3"));
        var secondEtag = (await ReadJsonAsync(second))!["etag"]!.GetValue<string>();

        // Assert
        Assert.That(secondEtag, Is.Not.EqualTo(firstEtag));
    }

    [Test]
    public async Task List_Items_EntriesCarryEtag()
    {
        // Arrange
        using var created = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));
        var entry = (await ReadJsonAsync(response))!["value"]!.AsArray().Single()!;

        // Assert
        Assert.That(entry["etag"]!.GetValue<string>(), Does.StartWith("\""));
    }

    [Test]
    public async Task Get_MissingItem_Returns404WithRecordedBody()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(ItemPath(Alias, ItemId)));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("404"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Is.EqualTo($"Resource '{ItemId:D}' does not exist"));
    }

    [Test]
    public async Task Put_ItemIdNotGuid_Returns400()
    {
        // Act
        using var response = await PutAsync(Client, WatchlistPath(Alias) + "/watchlistItems/not-a-guid", ItemBody("1.1.1.2"));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("'not-a-guid'"));
    }

    [Test]
    public async Task Put_WithoutItemsKeyValue_Returns400()
    {
        // Arrange
        var body = new JsonObject { ["properties"] = new JsonObject() };

        // Act
        using var response = await PutAsync(Client, ItemPath(Alias, ItemId), body);
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("properties.itemsKeyValue"));
    }

    [Test]
    public async Task Put_ItemOfMissingWatchlist_Returns404()
    {
        // Act
        using var response = await PutAsync(Client, ItemPath("missing", ItemId), ItemBody("1.1.1.2"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_ExistingItem_Returns200ThenGetReturns404()
    {
        // Arrange
        using var created = await PutAsync(Client, ItemPath(Alias, ItemId), ItemBody("1.1.1.2"));

        // Act
        using var deleted = await Client.DeleteAsync(WithVersion(ItemPath(Alias, ItemId)));
        using var fetched = await Client.GetAsync(WithVersion(ItemPath(Alias, ItemId)));

        // Assert
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_MissingItem_Returns204()
    {
        // Act
        using var response = await Client.DeleteAsync(WithVersion(ItemPath(Alias, ItemId)));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task List_ThreePagesOfItems_FollowsNextLink()
    {
        // Arrange
        var csv = "Indicator,IndicatorType\n" + string.Join("\n", Enumerable.Range(0, 250).Select(index => $"10.0.{index / 256}.{index % 256},ip"));
        await WatchlistUploads.UploadAndWaitAsync(Client, Alias, csv);

        // Act
        var indicators = new List<string>();
        var pages = 0;
        string? link = WithVersion(WatchlistPath(Alias) + "/watchlistItems");
        while (link is not null)
        {
            using var response = await Client.GetAsync(link);
            var page = (await ReadJsonAsync(response))!;
            indicators.AddRange(page["value"]!.AsArray().Select(item => item!["properties"]!["itemsKeyValue"]!["Indicator"]!.GetValue<string>()));
            link = page["nextLink"]?.GetValue<string>();
            pages++;
        }

        // Assert
        Assert.That(pages, Is.EqualTo(3));
        Assert.That(indicators, Has.Count.EqualTo(250));
        Assert.That(indicators, Is.Unique);
    }
}
