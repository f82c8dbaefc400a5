using System.Net;
using System.Text.Json.Nodes;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class WatchlistEndpointTests : EmulatorTestBase
{
    [Test]
    public async Task Put_NewWatchlist_Returns200WithServiceShape()
    {
        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var body = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!["id"]!.GetValue<string>(), Does.EndWith("/providers/Microsoft.SecurityInsights/Watchlists/feedsync-ip"));
        Assert.That(body["id"]!.GetValue<string>(), Does.Contain("/resourceGroups/feedsync-local/"));
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("Microsoft.SecurityInsights/Watchlists"));
        Assert.That(body["etag"]!.GetValue<string>(), Does.Match("^\"[0-9a-f]{8}-0000-0100-0000-[0-9a-f]{12}\"$"));
        Assert.That(body["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(body["properties"]!["watchlistAlias"]!.GetValue<string>(), Is.EqualTo("feedsync-ip"));
    }

    [Test]
    public async Task Get_LowerAndUpperCasePath_FindsSameWatchlist()
    {
        // Arrange
        using var created = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var path = WithVersion(WatchlistPath("FEEDSYNC-IP")).Replace("resourceGroups", "RESOURCEGROUPS", StringComparison.Ordinal)
            .Replace("watchlists", "WatchLists", StringComparison.Ordinal);

        // Act
        using var response = await Client.GetAsync(path);
        var body = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!["name"]!.GetValue<string>(), Is.EqualTo("feedsync-ip"));
        Assert.That(body["id"]!.GetValue<string>(), Does.Contain("/resourceGroups/").And.Contain("/Watchlists/feedsync-ip"));
    }

    [Test]
    public async Task Put_SameBodyTwice_ChangesWatchlistEtag()
    {
        // Arrange
        using var first = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var firstEtag = (await ReadJsonAsync(first))!["etag"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromSeconds(1));

        // Act
        using var second = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var secondEtag = (await ReadJsonAsync(second))!["etag"]!.GetValue<string>();

        // Assert
        Assert.That(secondEtag, Is.Not.EqualTo(firstEtag));
    }

    [Test]
    public async Task Get_MissingWatchlist_Returns404WithRecordedBody()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
        var body = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("404"));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Resource 'missing' does not exist"));
    }

    [TestCase("displayName")]
    [TestCase("provider")]
    [TestCase("itemsSearchKey")]
    public async Task Put_MissingRequiredProperty_Returns400NamingIt(string property)
    {
        // Arrange
        var body = WatchlistBody();
        body["properties"]!.AsObject().Remove(property);

        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), body);
        var error = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("BadRequest"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain($"properties.{property}"));
    }

    [Test]
    public async Task Put_UnknownSourceType_Returns400ListingAllowedValues()
    {
        // Arrange
        var body = WatchlistBody();
        body["properties"]!["sourceType"] = "Remote";

        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), body);
        var error = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error!["error"]!["message"]!.GetValue<string>(), Does.Contain("'Remote'").And.Contain("Local, AzureStorage"));
    }

    [Test]
    public async Task Put_MalformedJson_Returns400InvalidRequestContent()
    {
        // Arrange
        using var content = Json("{\"properties\": ");

        // Act
        using var response = await Client.PutAsync(WithVersion(WatchlistPath("feedsync-ip")), content);
        var error = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidRequestContent"));
    }

    [Test]
    public async Task Get_WithoutApiVersion_Returns400MissingApiVersion()
    {
        // Act
        using var response = await Client.GetAsync(WatchlistsPath(FeedSync.SentinelEmulator.EmulatorWorkspace.Default));
        var error = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("MissingApiVersionParameter"));
    }

    [Test]
    public async Task Get_UnsupportedApiVersion_Returns400ListingSupportedVersions()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistsPath(FeedSync.SentinelEmulator.EmulatorWorkspace.Default), "2099-01-01"));
        var error = await ReadJsonAsync(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("NoRegisteredProviderFound"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("'2099-01-01'").And.Contain("2025-12-01"));
    }

    [Test]
    public async Task List_Watchlists_EntriesCarryNoEtag()
    {
        // Arrange
        using var created = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistsPath(FeedSync.SentinelEmulator.EmulatorWorkspace.Default)));
        var body = await ReadJsonAsync(response);
        var entry = body!["value"]!.AsArray().Single()!.AsObject();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(entry.ContainsKey("etag"), Is.False);
        Assert.That(entry["name"]!.GetValue<string>(), Is.EqualTo("feedsync-ip"));
        Assert.That(body.AsObject().ContainsKey("nextLink"), Is.False);
    }

    [Test]
    public async Task List_MoreThanAPage_FollowsNextLinkAcrossPages()
    {
        // Arrange
        for (var index = 0; index < 205; index++)
        {
            using var created = await PutAsync(Client, WatchlistPath($"list-{index:D3}"), WatchlistBody());
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Act
        var names = new List<string>();
        var pageSizes = new List<int>();
        string? link = WithVersion(WatchlistsPath(FeedSync.SentinelEmulator.EmulatorWorkspace.Default));
        while (link is not null)
        {
            using var response = await Client.GetAsync(link);
            var page = (await ReadJsonAsync(response))!;
            var entries = page["value"]!.AsArray();
            pageSizes.Add(entries.Count);
            names.AddRange(entries.Select(entry => entry!["name"]!.GetValue<string>()));
            link = page["nextLink"]?.GetValue<string>();
            Assert.That(link, Is.Null.Or.StartWith(Emulator.BaseUri.AbsoluteUri).And.Contain("$skipToken=").And.Contain("api-version=2025-12-01"));
        }

        // Assert
        Assert.That(pageSizes, Is.EqualTo((int[])[100, 100, 5]));
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Count.EqualTo(205));
    }

    [Test]
    public async Task List_TamperedSkipToken_Returns400()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistsPath(FeedSync.SentinelEmulator.EmulatorWorkspace.Default) + "?$skipToken=not-a-token"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Put_LegacyApiVersion_ReportsUploadStatusNew()
    {
        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody(), "2022-11-01");
        var properties = (await ReadJsonAsync(response))!["properties"]!.AsObject();

        // Assert
        Assert.That(properties["uploadStatus"]!.GetValue<string>(), Is.EqualTo("New"));
        Assert.That(properties.ContainsKey("provisioningState"), Is.False);
    }

    [Test]
    public async Task Put_WithJwtBearer_ReportsTokenIdentity()
    {
        // Arrange
        Client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.User("8f2c1b62-9e3e-4f6e-9c1a-0d6f4b1e2a33", "analyst@contoso.example", "SOC Analyst"));

        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var body = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(body["properties"]!["createdBy"]!["objectId"]!.GetValue<string>(), Is.EqualTo("8f2c1b62-9e3e-4f6e-9c1a-0d6f4b1e2a33"));
        Assert.That(body["properties"]!["createdBy"]!["email"]!.GetValue<string>(), Is.EqualTo("analyst@contoso.example"));
        Assert.That(body["systemData"]!["createdByType"]!.GetValue<string>(), Is.EqualTo("User"));
    }
}
