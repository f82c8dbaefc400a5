using System.Net;
using System.Text.Json;
using Azure;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Watchlists;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class SentinelWatchlistClientTests
{
    private static readonly SentinelWatchlistData Data = new("ThreatFox IP", "FeedSync", "Indicator")
    {
        Description = "IPs from ThreatFox",
        Labels = ["ThreatFox", "IOC"],
        DefaultDuration = TimeSpan.FromDays(30),
    };

    [Test]
    public async Task Get_PublishedExample_ParsesEveryProperty()
    {
        var example = ReadExampleResponse("securityinsights/stable/2025-12-01/examples/watchlists/GetWatchlistByAlias.json", "200");
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, example);
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var watchlist = await client.GetWatchlistAsync("highValueAsset");

        Assert.That(watchlist.Alias, Is.EqualTo("highValueAsset"));
        Assert.That(watchlist.ETag, Is.EqualTo("\"0300bf09-0000-0000-0000-5c37296e0000\""));
        Assert.That(watchlist.DisplayName, Is.EqualTo("High Value Assets Watchlist"));
        Assert.That(watchlist.Provider, Is.EqualTo("Microsoft"));
        Assert.That(watchlist.ItemsSearchKey, Is.EqualTo("header1"));
        Assert.That(watchlist.Labels, Is.EqualTo((string[])["Tag1", "Tag2"]));
        Assert.That(watchlist.DefaultDuration, Is.EqualTo(new TimeSpan(1279, 12, 30, 5)));
        Assert.That(watchlist.Created, Is.EqualTo(DateTimeOffset.Parse("2020-09-28T00:26:54.7746089+00:00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("ResourceGroupNotFound", "Resource group 'nope' could not be found.", "FeedSync:Sentinel:ResourceGroup")]
    [TestCase("SubscriptionNotFound", "The subscription 'x' could not be found.", "FeedSync:Sentinel:SubscriptionId")]
    [TestCase("ParentResourceNotFound", "Parent resource 'ws' not found.", "FeedSync:Sentinel:WorkspaceName")]
    [TestCase("WorkspaceNotFound", "Workspace 'ws' not found.", "--workspace-name")]
    [TestCase("ResourceNotFound", "The Resource 'Microsoft.OperationalInsights/workspaces/ws' under resource group 'rg' was not found.", "--workspace-name")]
    public async Task GetIfExists_WorkspaceMissing_ThrowsNamingSetting(string code, string message, string setting)
    {
        // Arrange
        var transport = new FakeTransport().Respond(HttpStatusCode.NotFound, ArmBodies.Error(code, message));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        // Act
        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistIfExistsAsync("ThreatFox-IP"));

        // Assert
        Assert.That(exception!.ErrorCode, Is.EqualTo(code));
        Assert.That(exception.Message, Does.Contain(setting));
    }

    [Test]
    public async Task GetIfExists_WatchlistResourceNotFound_ReturnsNull()
    {
        // Arrange: ARM names the watchlist itself, under an existing workspace.
        var message = "The Resource 'Microsoft.OperationalInsights/workspaces/ws/providers/Microsoft.SecurityInsights/watchlists/ThreatFox-IP' under resource group 'rg' was not found.";
        var transport = new FakeTransport().Respond(HttpStatusCode.NotFound, ArmBodies.Error("ResourceNotFound", message));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        // Act
        var watchlist = await client.GetWatchlistIfExistsAsync("ThreatFox-IP");

        // Assert
        Assert.That(watchlist, Is.Null);
    }

    [Test]
    public async Task Get_SendsPathAndApiVersion()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        await client.GetWatchlistAsync("ThreatFox-IP");

        var request = transport.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Uri.AbsolutePath, Is.EqualTo(SentinelTestClient.WorkspacePath + "/providers/Microsoft.SecurityInsights/watchlists/ThreatFox-IP"));
        Assert.That(request.Uri.Query, Is.EqualTo("?api-version=2025-12-01"));
    }

    [Test]
    public async Task Get_ApiVersionOverride_IsSent()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var options = SentinelTestClient.FastOptions(transport);
        options.SecurityInsightsApiVersion = "2024-01-01-preview";
        var client = SentinelTestClient.Create(transport, options).GetWatchlistClient();

        await client.GetWatchlistAsync("ThreatFox-IP");

        Assert.That(transport.Requests.Single().Uri.Query, Is.EqualTo("?api-version=2024-01-01-preview"));
    }

    [Test]
    public async Task Get_Missing_ReturnsNullOrThrows404()
    {
        var notFound = ArmBodies.Error("404", "Resource 'Watchlists-85351' does not exist");
        var transport = new FakeTransport().Respond(HttpStatusCode.NotFound, notFound).Respond(HttpStatusCode.NotFound, notFound);
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var missing = await client.GetWatchlistIfExistsAsync("Watchlists-85351");
        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistAsync("Watchlists-85351"));

        Assert.That(missing, Is.Null);
        Assert.That(exception!.Status, Is.EqualTo(404));
        Assert.That(exception.Message, Does.Contain("Watchlists-85351"));
    }

    [Test]
    public async Task List_FollowsNextLinkExactlyAcrossPages()
    {
        var page2 = SentinelTestClient.ArmEndpoint + SentinelTestClient.WorkspacePath.TrimStart('/') + "/providers/Microsoft.SecurityInsights/watchlists?api-version=2025-12-01&$skipToken=a%2Bb%3D%3D";
        var page3 = SentinelTestClient.ArmEndpoint + SentinelTestClient.WorkspacePath.TrimStart('/') + "/providers/Microsoft.SecurityInsights/watchlists?api-version=2025-12-01&$skipToken=c%2Fd";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK, Page(page2, "A", "B"))
            .Respond(HttpStatusCode.OK, Page(page3, "C"))
            .Respond(HttpStatusCode.OK, Page(null, "D"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var aliases = new List<string>();
        await foreach (var watchlist in client.GetWatchlistsAsync())
        {
            aliases.Add(watchlist.Alias);
        }

        Assert.That(aliases, Is.EqualTo((string[])["A", "B", "C", "D"]));
        Assert.That(transport.Requests[1].Uri.OriginalString, Is.EqualTo(page2));
        Assert.That(transport.Requests[2].Uri.OriginalString, Is.EqualTo(page3));
    }

    [Test]
    public async Task List_NextLinkOnOtherHost_IsRejected()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, Page("https://attacker.example.test/next?$skipToken=1", "A"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(async () =>
        {
            await foreach (var watchlist in client.GetWatchlistsAsync())
            {
                Assert.That(watchlist.Alias, Is.EqualTo("A"));
            }
        });

        Assert.That(exception!.ErrorCode, Is.EqualTo("UnexpectedEndpoint"));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task List_RepeatedNextLink_Stops()
    {
        var next = SentinelTestClient.ArmEndpoint + "same?$skipToken=1";
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, Page(next, "A")).Respond(HttpStatusCode.OK, Page(next, "B"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(async () =>
        {
            await foreach (var unused in client.GetWatchlistsAsync())
            {
            }
        });

        Assert.That(exception!.ErrorCode, Is.EqualTo("RepeatedNextLink"));
    }

    [Test]
    public async Task CreateOrUpdate_SendsRequiredAndOptionalProperties()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var watchlist = await client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);

        var request = transport.Requests.Single();
        using var body = JsonDocument.Parse(request.Body!);
        var properties = body.RootElement.GetProperty("properties");
        Assert.That(request.Method, Is.EqualTo("PUT"));
        Assert.That(properties.GetProperty("displayName").GetString(), Is.EqualTo("ThreatFox IP"));
        Assert.That(properties.GetProperty("provider").GetString(), Is.EqualTo("FeedSync"));
        Assert.That(properties.GetProperty("itemsSearchKey").GetString(), Is.EqualTo("Indicator"));
        Assert.That(properties.GetProperty("sourceType").GetString(), Is.EqualTo("Local"));
        Assert.That(properties.GetProperty("description").GetString(), Is.EqualTo("IPs from ThreatFox"));
        Assert.That(properties.GetProperty("labels").GetArrayLength(), Is.EqualTo(2));
        Assert.That(properties.GetProperty("defaultDuration").GetString(), Is.EqualTo("P30D"));
        Assert.That(properties.TryGetProperty("rawContent", out _), Is.False);
        Assert.That(watchlist.DefaultDuration, Is.EqualTo(TimeSpan.FromDays(30)));
    }

    [Test]
    public async Task CreateOrUpdate_MissingRequiredProperty_IsRejectedLocally()
    {
        var transport = new FakeTransport();
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data with { ItemsSearchKey = " " }));

        Assert.That(transport.Requests, Is.Empty);
    }

    [Test]
    public async Task Upload_PollsOperationUntilSucceeded()
    {
        var status = SentinelTestClient.ArmEndpoint + SentinelTestClient.WorkspacePath.TrimStart('/') + "/providers/Microsoft.SecurityInsights/watchlists/ThreatFox-IP/watchlistStatuses/abc?api-version=2025-12-01";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Created, ArmBodies.Watchlist("ThreatFox-IP", provisioningState: "InProgress"), ("Azure-AsyncOperation", status))
            .Respond(HttpStatusCode.OK, ArmBodies.OperationStatus("InProgress"))
            .Respond(HttpStatusCode.OK, ArmBodies.OperationStatus("Succeeded"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        await client.UploadWatchlistItemsAsync("ThreatFox-IP", Data, "skip me\nIndicator,Port\n1.2.3.4,443\n", numberOfLinesToSkip: 1);

        var requests = transport.Requests;
        using var body = JsonDocument.Parse(requests[0].Body!);
        var properties = body.RootElement.GetProperty("properties");
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(properties.GetProperty("rawContent").GetString(), Is.EqualTo("skip me\nIndicator,Port\n1.2.3.4,443\n"));
        Assert.That(properties.GetProperty("contentType").GetString(), Is.EqualTo("text/csv"));
        Assert.That(properties.GetProperty("numberOfLinesToSkip").GetInt32(), Is.EqualTo(1));
        Assert.That(properties.GetProperty("source").GetString(), Is.EqualTo("ThreatFox-IP.csv"));
        Assert.That(requests[1].Uri.OriginalString, Is.EqualTo(status));
        Assert.That(requests[2].Method, Is.EqualTo("GET"));
    }

    [TestCase("Failed")]
    [TestCase("Canceled")]
    public async Task Upload_OperationFails_Throws(string finalStatus)
    {
        var status = SentinelTestClient.ArmEndpoint + "operations/abc";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Created, ArmBodies.Watchlist("ThreatFox-IP"), ("Azure-AsyncOperation", status))
            .Respond(HttpStatusCode.OK, JsonSerializer.Serialize(new { status = finalStatus, error = new { code = "InvalidCsv", message = "Row 3 has 4 fields" } }));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.UploadWatchlistItemsAsync("ThreatFox-IP", Data, "Indicator\n1.2.3.4\n"));

        Assert.That(exception!.ErrorCode, Is.EqualTo("InvalidCsv"));
        Assert.That(exception.Message, Does.Contain(finalStatus));
        Assert.That(exception.Message, Does.Contain("Row 3 has 4 fields"));
    }

    [Test]
    public async Task Upload_OperationNeverEnds_TimesOut()
    {
        var status = SentinelTestClient.ArmEndpoint + "operations/abc";
        var transport = new FakeTransport { Fallback = _ => FakeTransport.CreateResponse(HttpStatusCode.OK, ArmBodies.OperationStatus("InProgress")) }
            .Respond(HttpStatusCode.Created, ArmBodies.Watchlist("ThreatFox-IP"), ("Azure-AsyncOperation", status));
        var options = SentinelTestClient.FastOptions(transport);
        options.OperationPollInterval = TimeSpan.FromMilliseconds(20);
        options.OperationTimeout = TimeSpan.FromMilliseconds(200);
        var client = SentinelTestClient.Create(transport, options).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.UploadWatchlistItemsAsync("ThreatFox-IP", Data, "Indicator\n1.2.3.4\n"));

        Assert.That(exception!.ErrorCode, Is.EqualTo("OperationTimedOut"));
        Assert.That(exception.Message, Does.Contain("OperationTimeout"));
    }

    [Test]
    public async Task Upload_OverLimit_IsRejectedLocally()
    {
        var transport = new FakeTransport();
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();
        var csv = "Indicator\n" + new string('a', SentinelWatchlistClient.MaxRawContentBytes);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.UploadWatchlistItemsAsync("ThreatFox-IP", Data, csv));

        Assert.That(exception!.Message, Does.Contain("3800000"));
        Assert.That(transport.Requests, Is.Empty);
    }

    [Test]
    public async Task Delete_RecordedShape_PollsUntilDone()
    {
        var status = SentinelTestClient.ArmEndpoint + SentinelTestClient.WorkspacePath.TrimStart('/') + "/providers/Microsoft.SecurityInsights/Watchlists/ThreatFox-IP/watchlistStatuses/fd29?api-version=2025-12-01&t=1&c=MIIH&s=sig&h=hash";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK, "{}", ("Azure-AsyncOperation", status), ("Location", status + "&l=1"))
            .Respond(HttpStatusCode.OK, ArmBodies.OperationStatus("InProgress"))
            .Respond(HttpStatusCode.OK, ArmBodies.OperationStatus("Succeeded"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var deleted = await client.DeleteWatchlistAsync("ThreatFox-IP");

        Assert.That(deleted, Is.True);
        Assert.That(transport.Requests, Has.Count.EqualTo(3));
        Assert.That(transport.Requests[1].Uri.OriginalString, Is.EqualTo(status));
    }

    [Test]
    public async Task Delete_LocationOnly_PollsUntilNotAccepted()
    {
        var location = SentinelTestClient.ArmEndpoint + "operations/delete-1";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Accepted, null, ("Location", location))
            .Respond(HttpStatusCode.Accepted)
            .Respond(HttpStatusCode.NoContent);
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var deleted = await client.DeleteWatchlistAsync("ThreatFox-IP");

        Assert.That(deleted, Is.True);
        Assert.That(transport.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Delete_NoContentOrMissing_DoesNotPoll()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("404", "Resource 'ThreatFox-IP' does not exist"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var first = await client.DeleteWatchlistAsync("ThreatFox-IP");
        var second = await client.DeleteWatchlistAsync("ThreatFox-IP");

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(transport.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Create_WhileDeleteStarted_ThrowsDeleteInProgress()
    {
        var status = SentinelTestClient.ArmEndpoint + "operations/delete-1";
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Accepted, null, ("Azure-AsyncOperation", status))
            .Respond(HttpStatusCode.BadRequest, ArmBodies.Error("BadRequest", "Invalid request"), ("x-ms-request-id", "req-1"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        await client.DeleteWatchlistAsync("ThreatFox-IP", WaitUntil.Started);
        var exception = await Assert.ThrowsAsync<WatchlistDeleteInProgressException>(() => client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));

        Assert.That(exception!.WatchlistAlias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(exception.RequestId, Is.EqualTo("req-1"));
        Assert.That(exception.Message, Does.Contain("delete is still in progress"));
    }

    [Test]
    public async Task Create_ServiceSaysDeleteInProgress_ThrowsDeleteInProgress()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Conflict, ArmBodies.Error("Conflict", "Delete is currently in progress for watchlist 'ThreatFox-IP'."));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<WatchlistDeleteInProgressException>(() => client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));

        Assert.That(exception!.Status, Is.EqualTo(409));
        Assert.That(exception.ErrorCode, Is.EqualTo("Conflict"));
    }

    [Test]
    public async Task Create_OtherConflict_IsPlainRequestException()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.Conflict, ArmBodies.Error("Conflict", "An upload to watchlist 'ThreatFox-IP' is in progress."));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));

        Assert.That(exception, Is.Not.InstanceOf<WatchlistDeleteInProgressException>());
    }

    [Test]
    public async Task Items_ListGetPutDelete_UseItemPathsAndBodies()
    {
        var itemId = Guid.Parse("82ba292c-dc97-4dfc-969d-d4dd9e666842");
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK, $$"""{"value":[{{ArmBodies.Item(itemId, "1.2.3.4")}}]}""")
            .Respond(HttpStatusCode.OK, ArmBodies.Item(itemId, "1.2.3.4"))
            .Respond(HttpStatusCode.OK, ArmBodies.Item(itemId, "5.6.7.8"))
            .Respond(HttpStatusCode.OK)
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("404", "Resource does not exist"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var listed = new List<SentinelWatchlistItem>();
        await foreach (var item in client.GetWatchlistItemsAsync("ThreatFox-IP"))
        {
            listed.Add(item);
        }

        var fetched = await client.GetWatchlistItemAsync("ThreatFox-IP", itemId);
        var written = await client.CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, new Dictionary<string, string> { ["Indicator"] = "5.6.7.8" });
        var deleted = await client.DeleteWatchlistItemAsync("ThreatFox-IP", itemId);
        var deletedAgain = await client.DeleteWatchlistItemAsync("ThreatFox-IP", itemId);

        var itemPath = SentinelTestClient.WorkspacePath + "/providers/Microsoft.SecurityInsights/watchlists/ThreatFox-IP/watchlistItems/82ba292c-dc97-4dfc-969d-d4dd9e666842";
        using var putBody = JsonDocument.Parse(transport.Requests[2].Body!);
        Assert.That(listed.Single().ItemsKeyValue["Indicator"], Is.EqualTo("1.2.3.4"));
        Assert.That(listed.Single().ItemsKeyValue["Confidence"], Is.EqualTo("100"));
        Assert.That(listed.Single().ETag, Is.EqualTo("\"03039f10-0000-0100-0000-66bb18660000\""));
        Assert.That(fetched.ItemId, Is.EqualTo(itemId));
        Assert.That(written.ItemsKeyValue["Indicator"], Is.EqualTo("5.6.7.8"));
        Assert.That(transport.Requests[0].Uri.AbsolutePath, Does.EndWith("/watchlists/ThreatFox-IP/watchlistItems"));
        Assert.That(transport.Requests[1].Uri.AbsolutePath, Is.EqualTo(itemPath));
        Assert.That(transport.Requests[2].Method, Is.EqualTo("PUT"));
        Assert.That(putBody.RootElement.GetProperty("properties").GetProperty("itemsKeyValue").GetProperty("Indicator").GetString(), Is.EqualTo("5.6.7.8"));
        Assert.That(transport.Requests[3].Method, Is.EqualTo("DELETE"));
        Assert.That(deleted, Is.True);
        Assert.That(deletedAgain, Is.False);
    }

    [Test]
    public async Task Alias_WithPathCharacters_IsRejected()
    {
        var client = SentinelTestClient.Create(new FakeTransport()).GetWatchlistClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetWatchlistAsync("../other"));
    }

    internal static string ReadExampleResponse(string relativePath, string status)
    {
        var path = SharedData.Require("reference/arm/" + relativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("responses").GetProperty(status).GetProperty("body").GetRawText();
    }

    private static string Page(string? nextLink, params string[] aliases)
    {
        var values = string.Join(",", aliases.Select(alias => ArmBodies.Watchlist(alias)));
        return nextLink is null
            ? $$"""{"value":[{{values}}]}"""
            : $$"""{"value":[{{values}}],"nextLink":{{JsonSerializer.Serialize(nextLink)}}}""";
    }
}
