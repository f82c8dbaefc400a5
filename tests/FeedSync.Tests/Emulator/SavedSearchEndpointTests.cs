using System.Net;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class SavedSearchEndpointTests : EmulatorTestBase
{
    private static readonly string SearchPath =
        WorkspacePath(EmulatorWorkspace.Default).Replace("resourceGroups", "resourcegroups", StringComparison.Ordinal) + "/savedSearches/feedsync-remcos";

    [Test]
    public async Task Put_NewSearch_Returns200WithWeakEtagAndDefaultVersion()
    {
        // Act
        using var response = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);
        var body = (await ReadJsonAsync(response))!.AsObject();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["etag"]!.GetValue<string>(), Does.Match("^W/\"datetime'.+'\"$"));
        Assert.That(body["id"]!.GetValue<string>(), Does.Contain("/resourceGroups/").And.EndWith("/savedSearches/feedsync-remcos"));
        Assert.That(body["properties"]!["version"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(body.ContainsKey("name"), Is.False);
    }

    [Test]
    public async Task Put_ExistingWithoutEtag_Returns409()
    {
        // Arrange
        using var created = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);

        // Act
        using var response = await PutAsync(Client, SearchPath, SearchBody("changed"), SavedSearchVersion);
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Conflict"));
    }

    [Test]
    public async Task Put_ExistingWithStaleEtag_Returns409()
    {
        // Arrange
        using var created = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);
        var staleEtag = (await ReadJsonAsync(created))!["etag"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var updated = await PutAsync(Client, SearchPath, SearchBody("second", staleEtag), SavedSearchVersion);

        // Act
        using var response = await PutAsync(Client, SearchPath, SearchBody("third", staleEtag), SavedSearchVersion);

        // Assert
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [TestCase("*")]
    [TestCase(null)]
    public async Task Put_ExistingWithStarOrCurrentEtag_ReplacesWithNewEtag(string? etag)
    {
        // Arrange
        using var created = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);
        var currentEtag = (await ReadJsonAsync(created))!["etag"]!.GetValue<string>();

        // Act
        using var response = await PutAsync(Client, SearchPath, SearchBody("changed", etag ?? currentEtag), SavedSearchVersion);
        var body = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["etag"]!.GetValue<string>(), Is.Not.EqualTo(currentEtag));
        Assert.That(body["properties"]!["displayName"]!.GetValue<string>(), Is.EqualTo("changed"));
    }

    [Test]
    public async Task List_ReturnsValueWithUserAndBuiltInSearches()
    {
        // Arrange
        using var created = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);
        var listPath = SearchPath[..SearchPath.LastIndexOf('/')];

        // Act
        using var response = await Client.GetAsync(WithVersion(listPath, SavedSearchVersion));
        var body = (await ReadJsonAsync(response))!.AsObject();
        var entries = body["value"]!.AsArray();

        // Assert
        Assert.That(body.ContainsKey("nextLink"), Is.False);
        Assert.That(entries[0]!["name"]!.GetValue<string>(), Is.EqualTo("feedsync-remcos"));
        Assert.That(entries[0]!["type"]!.GetValue<string>(), Is.EqualTo("Microsoft.OperationalInsights/savedSearches"));
        Assert.That(entries.Skip(1).Select(entry => entry!.AsObject().ContainsKey("etag")), Is.All.False);
        Assert.That(entries.Skip(1).Select(entry => entry!["name"]!.GetValue<string>()), Is.All.StartWith("LogManagement(feedsync-local)_"));
    }

    [Test]
    public async Task Get_MissingSearch_Returns404SavedSearchNotFound()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(SearchPath, SavedSearchVersion));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SavedSearchNotFound"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Saved search 'feedsync-remcos' could not be found."));
    }

    [Test]
    public async Task Delete_Search_Returns200WithEmptyBody()
    {
        // Arrange
        using var created = await PutAsync(Client, SearchPath, SearchBody(), SavedSearchVersion);

        // Act
        using var response = await Client.DeleteAsync(WithVersion(SearchPath, SavedSearchVersion));
        var body = await response.Content.ReadAsStringAsync();
        using var fetched = await Client.GetAsync(WithVersion(SearchPath, SavedSearchVersion));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.Empty);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Put_TagWithoutValue_Returns400()
    {
        // Arrange
        var body = SearchBody();
        body["properties"]!["tags"] = new JsonArray(new JsonObject { ["name"] = "tactics" });

        // Act
        using var response = await PutAsync(Client, SearchPath, body, SavedSearchVersion);
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("properties.tags[0]"));
    }

    [Test]
    public async Task Put_SecurityInsightsApiVersion_Returns400()
    {
        // Act
        using var response = await PutAsync(Client, SearchPath, SearchBody(), SecurityInsightsVersion);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private static JsonObject SearchBody(string displayName = "ThreatFox: Remcos IOCs", string? etag = null)
    {
        var body = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["category"] = "Hunting Queries",
                ["displayName"] = displayName,
                ["query"] = "_GetWatchlist('feedsync-ip') | take 10",
                ["tags"] = new JsonArray(
                    new JsonObject { ["name"] = "description", ["value"] = "Remcos C2 addresses" },
                    new JsonObject { ["name"] = "tactics", ["value"] = "CommandAndControl" }),
            },
        };
        if (etag is not null)
        {
            body["etag"] = etag;
        }

        return body;
    }
}
