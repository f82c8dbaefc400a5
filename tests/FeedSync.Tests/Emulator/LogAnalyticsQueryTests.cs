using System.Net;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class LogAnalyticsQueryTests : EmulatorTestBase
{
    private const string Alias = "feedsync-ip";
    private static readonly string QueryPath = $"v1/workspaces/{EmulatorWorkspace.Default.CustomerId:D}/query";

    protected override void Configure(SentinelEmulatorOptions options) => options.IngestionDelay = TimeSpan.FromMinutes(5);

    [SetUp]
    public async Task CreateRowsAsync()
    {
        using var created = await PutAsync(Client, WatchlistPath(Alias), WatchlistBody());
        await WatchlistUploads.UploadAndWaitAsync(Client, Alias, "Indicator,IndicatorType,Port\n1.2.3.4,ip,443\nevil.example,domain,\n5.6.7.8,ip,80");
    }

    [Test]
    public async Task GetWatchlist_BeforeIngestionDelay_ReturnsNoRows()
    {
        // Act
        var table = await QueryAsync("_GetWatchlist('feedsync-ip')");

        // Assert
        Assert.That(table["rows"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task GetWatchlist_AfterIngestionDelay_ReturnsTypedRows()
    {
        // Arrange
        Clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        var table = await QueryAsync("_GetWatchlist('feedsync-ip')");
        var columns = table["columns"]!.AsArray().Select(column => $"{column!["name"]}:{column["type"]}").ToList();
        var rows = table["rows"]!.AsArray();

        // Assert
        Assert.That(table["name"]!.GetValue<string>(), Is.EqualTo("PrimaryResult"));
        Assert.That(columns, Is.EqualTo((string[])["_DTItemId:string", "LastUpdatedTimeUTC:datetime", "SearchKey:string", "Indicator:string", "IndicatorType:string", "Port:string"]));
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[0]![2]!.GetValue<string>(), Is.EqualTo("1.2.3.4"));
        Assert.That(rows[0]![1]!.GetValue<string>(), Does.EndWith("Z"));
    }

    [Test]
    public async Task GetWatchlist_AfterItemDelete_LeavesItemOut()
    {
        // Arrange
        using var items = await Client.GetAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems"));
        var firstId = (await ReadJsonAsync(items))!["value"]![0]!["name"]!.GetValue<string>();
        using var deleted = await Client.DeleteAsync(WithVersion(WatchlistPath(Alias) + "/watchlistItems/" + firstId));
        Clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        var table = await QueryAsync("_GetWatchlist('feedsync-ip') | count");

        // Assert
        Assert.That(table["columns"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("long"));
        Assert.That(table["rows"]![0]![0]!.GetValue<long>(), Is.EqualTo(2));
    }

    [Test]
    public async Task WatchlistTable_WhereProjectTake_FiltersAndShapes()
    {
        // Arrange
        Clock.Advance(TimeSpan.FromMinutes(5));
        const string Query = """
            Watchlist
            | where WatchlistAlias == 'feedsync-ip' and _DTItemType == "watchlist-item" // items only
            | where SearchKey =~ 'EVIL.EXAMPLE'
            | project SearchKey, WatchlistItem, _DTItemStatus
            | take 5
            """;

        // Act
        var table = await QueryAsync(Query);
        var row = table["rows"]!.AsArray().Single()!;

        // Assert
        Assert.That(table["columns"]![1]!["type"]!.GetValue<string>(), Is.EqualTo("dynamic"));
        Assert.That(row[0]!.GetValue<string>(), Is.EqualTo("evil.example"));
        Assert.That(JsonNode.Parse(row[1]!.GetValue<string>())!["IndicatorType"]!.GetValue<string>(), Is.EqualTo("domain"));
        Assert.That(row[2]!.GetValue<string>(), Is.EqualTo("Create"));
    }

    [Test]
    public async Task Query_WithShortTimespan_LeavesOlderRowsOut()
    {
        // Arrange
        Clock.Advance(TimeSpan.FromHours(2));

        // Act
        var table = await QueryAsync("_GetWatchlist('feedsync-ip')", "PT1H");

        // Assert
        Assert.That(table["rows"]!.AsArray(), Is.Empty);
    }

    [TestCase("Watchlist | summarize count() by WatchlistAlias")]
    [TestCase("SecurityEvent | take 1")]
    [TestCase("let x = 1; Watchlist")]
    public async Task Query_Unsupported_Returns400BadArgument(string query)
    {
        // Act
        using var response = await PostQueryAsync(query);
        var error = (await ReadJsonAsync(response))!["error"]!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo("BadArgumentError"));
        Assert.That(error["innererror"]!["message"]!.GetValue<string>(), Does.Contain("The emulator"));
    }

    [Test]
    public async Task Query_UnknownColumn_Returns400SemanticError()
    {
        // Act
        using var response = await PostQueryAsync("_GetWatchlist('feedsync-ip') | project Nope");
        var error = (await ReadJsonAsync(response))!["error"]!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["innererror"]!["code"]!.GetValue<string>(), Is.EqualTo("SemanticError"));
        Assert.That(error["innererror"]!["message"]!.GetValue<string>(), Does.Contain("'Nope'"));
    }

    [Test]
    public async Task Query_UnknownWorkspace_Returns404()
    {
        // Arrange
        using var content = Json("{\"query\":\"Watchlist\"}");

        // Act
        using var response = await Client.PostAsync($"v1/workspaces/{Guid.NewGuid():D}/query", content);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Query_WorkspaceName_Returns400NamingCustomerId()
    {
        // Arrange
        using var content = Json("{\"query\":\"Watchlist\"}");

        // Act
        using var response = await Client.PostAsync("v1/workspaces/feedsync-local/query", content);
        var error = (await ReadJsonAsync(response))!["error"]!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("customer id"));
    }

    private async Task<HttpResponseMessage> PostQueryAsync(string query, string? timespan = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (timespan is not null)
        {
            body["timespan"] = timespan;
        }

        using var content = Json(body);
        return await Client.PostAsync(QueryPath, content);
    }

    private async Task<JsonNode> QueryAsync(string query, string? timespan = null)
    {
        using var response = await PostQueryAsync(query, timespan);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!["tables"]!.AsArray().Single()!;
    }
}
