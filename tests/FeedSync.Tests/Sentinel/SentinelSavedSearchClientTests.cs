using System.Net;
using System.Text.Json;
using FeedSync.Sentinel;
using FeedSync.Sentinel.SavedSearches;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class SentinelSavedSearchClientTests
{
    private const string SavedSearchPath =
        "/subscriptions/" + SentinelTestClient.SubscriptionId + "/resourcegroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/savedSearches";

    [Test]
    public async Task Get_PublishedExample_ParsesProperties()
    {
        var example = SentinelWatchlistClientTests.ReadExampleResponse("operationalinsights/stable/2025-07-01/examples/WorkspacesSavedSearchesGet.json", "200");
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, example);
        var client = SentinelTestClient.Create(transport).GetSavedSearchClient();

        var savedSearch = await client.GetSavedSearchAsync("test-new-saved-search-id-2015");

        Assert.That(savedSearch.Id, Is.EqualTo("test-new-saved-search-id-2015"));
        Assert.That(savedSearch.DisplayName, Is.EqualTo("Create or Update Saved Search Test"));
        Assert.That(savedSearch.FunctionAlias, Is.EqualTo("heartbeat_func"));
        Assert.That(savedSearch.Version, Is.EqualTo(1));
        Assert.That(savedSearch.ETag, Is.EqualTo("W/\"datetime'2017-10-02T23%3A15%3A41.0709875Z'\""));
        Assert.That(transport.Requests.Single().Uri.AbsolutePath, Is.EqualTo(SavedSearchPath + "/test-new-saved-search-id-2015"));
        Assert.That(transport.Requests.Single().Uri.Query, Is.EqualTo("?api-version=2025-07-01"));
    }

    [Test]
    public async Task List_ValueWithoutNextLink_ReturnsAll()
    {
        const string body = """
            {"value":[
              {"id":"/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/savedSearches/LogManagement(ws)_General|AlphabeticallySortedComputers","name":"LogManagement(ws)_General|AlphabeticallySortedComputers","type":"Microsoft.OperationalInsights/savedSearches","properties":{"category":"General Exploration","displayName":"All Computers","query":"Heartbeat","version":2}},
              {"id":"/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/savedSearches/feedsync-remcos","name":"feedsync-remcos","etag":"W/\"datetime'2021-12-13T07%3A13%3A25.9419576Z'\"","properties":{"category":"Hunting Queries","displayName":"Remcos","query":"Watchlist","tags":[{"name":"tactics","value":"CommandAndControl"},{"name":"tactics","value":"Execution"}]}}
            ]}
            """;
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, body);
        var client = SentinelTestClient.Create(transport).GetSavedSearchClient();

        var searches = new List<SentinelSavedSearch>();
        await foreach (var savedSearch in client.GetSavedSearchesAsync())
        {
            searches.Add(savedSearch);
        }

        Assert.That(searches, Has.Count.EqualTo(2));
        Assert.That(searches[0].ETag, Is.Null);
        Assert.That(searches[1].Tags.Count(tag => tag.Name == "tactics"), Is.EqualTo(2));
        Assert.That(transport.Requests.Single().Uri.AbsolutePath, Is.EqualTo(SavedSearchPath));
    }

    [Test]
    public async Task CreateOrUpdate_SendsEtagTagsAndRequiredProperties()
    {
        var transport = new FakeTransport().Respond(request => FakeTransport.CreateResponse(HttpStatusCode.OK, Echo(request.Body!, "W/\"datetime'2025-01-01T00%3A00%3A00Z'\"")));
        var client = SentinelTestClient.Create(transport).GetSavedSearchClient();
        var savedSearch = new SentinelSavedSearch("feedsync-remcos", "Remcos C2", SentinelSavedSearch.HuntingQueriesCategory, "_GetWatchlist('ThreatFox-IP')")
        {
            Tags = [new("description", "Remcos C2 IPs"), new("tactics", "CommandAndControl"), new("tactics", "Execution"), new("techniques", "T1071")],
            ETag = "*",
        };

        var written = await client.CreateOrUpdateSavedSearchAsync(savedSearch);

        using var body = JsonDocument.Parse(transport.Requests.Single().Body!);
        var properties = body.RootElement.GetProperty("properties");
        Assert.That(body.RootElement.GetProperty("etag").GetString(), Is.EqualTo("*"));
        Assert.That(properties.GetProperty("category").GetString(), Is.EqualTo("Hunting Queries"));
        Assert.That(properties.GetProperty("tags").GetArrayLength(), Is.EqualTo(4));
        Assert.That(written.ETag, Is.EqualTo("W/\"datetime'2025-01-01T00%3A00%3A00Z'\""));
        Assert.That(written.Tags, Is.EqualTo(savedSearch.Tags));
    }

    [Test]
    public async Task CreateOrUpdate_StaleEtag_NamesTheFix()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Conflict, ArmBodies.Error("Conflict", "The etag does not match"));
        var client = SentinelTestClient.Create(transport).GetSavedSearchClient();
        var savedSearch = new SentinelSavedSearch("feedsync-remcos", "Remcos", "Hunting Queries", "Watchlist") { ETag = "W/\"old\"" };

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.CreateOrUpdateSavedSearchAsync(savedSearch));

        Assert.That(exception!.Status, Is.EqualTo(409));
        Assert.That(exception.Message, Does.Contain("read the saved search again"));
    }

    [Test]
    public async Task Delete_EmptyOkThenNotFound_ReturnsTrueThenFalse()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK)
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("SavedSearchNotFound", "Saved search 'clitest' could not be found."));
        var client = SentinelTestClient.Create(transport).GetSavedSearchClient();

        var first = await client.DeleteSavedSearchAsync("clitest");
        var second = await client.DeleteSavedSearchAsync("clitest");

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(transport.Requests[0].Method, Is.EqualTo("DELETE"));
    }

    private static string Echo(string requestBody, string etag)
    {
        using var request = JsonDocument.Parse(requestBody);
        return JsonSerializer.Serialize(new
        {
            id = SavedSearchPath + "/feedsync-remcos",
            name = "feedsync-remcos",
            etag,
            properties = request.RootElement.GetProperty("properties"),
        });
    }
}
