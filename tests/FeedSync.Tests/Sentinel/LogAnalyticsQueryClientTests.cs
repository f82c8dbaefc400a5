using System.Net;
using System.Text.Json;
using FeedSync.Sentinel;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class LogAnalyticsQueryClientTests
{
    private static readonly Guid WorkspaceId = Guid.Parse("63613592-b6f7-4c3d-a390-22ba13102111");

    [Test]
    public async Task Query_SendsPostWithQueryAndTimespan()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, """{"tables":[]}""");
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        await client.QueryWorkspaceAsync(WorkspaceId, "Usage | take 10", TimeSpan.FromHours(12));

        var request = transport.Requests.Single();
        using var body = JsonDocument.Parse(request.Body!);
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Uri.ToString(), Is.EqualTo("https://api.example.test/v1/workspaces/63613592-b6f7-4c3d-a390-22ba13102111/query"));
        Assert.That(body.RootElement.GetProperty("query").GetString(), Is.EqualTo("Usage | take 10"));
        Assert.That(body.RootElement.GetProperty("timespan").GetString(), Is.EqualTo("PT12H"));
        Assert.That(request.Authorization, Is.EqualTo("Bearer " + SentinelTestClient.StaticTokenCredential.Token));
    }

    [Test]
    public async Task Query_PublishedExample_ConvertsCellsToColumnTypes()
    {
        var path = SharedData.Require("reference/arm/loganalytics-dataplane/stable/v1/examples/oms-post-example.json");
        using var example = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var body = example.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").GetRawText();
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, body);
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var result = await client.QueryWorkspaceAsync(WorkspaceId, "Usage | take 10");

        var table = result.Table;
        var row = table.Rows[0];
        Assert.That(result.IsPartial, Is.False);
        Assert.That(table.Name, Is.EqualTo("PrimaryResult"));
        Assert.That(table.Rows, Has.Count.EqualTo(2));
        Assert.That(row.GetString("Computer"), Is.EqualTo("ContosoSQLSrv1"));
        Assert.That(row.GetInt64("BatchesWithinSla"), Is.EqualTo(1));
        Assert.That(row.GetDouble("Quantity"), Is.EqualTo(0.076408));
        Assert.That(row.GetBoolean("IsBillable"), Is.True);
        Assert.That(row.GetDateTimeOffset("TimeGenerated"), Is.EqualTo(new DateTimeOffset(2017, 8, 24, 6, 59, 59, TimeSpan.Zero)));
        Assert.That(row["LinkedResourceUri"], Is.Null);
    }

    [Test]
    public async Task Query_NativeJsonTypesAndDynamic_AreTyped()
    {
        const string body = """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"Count","type":"long"},{"name":"Ratio","type":"real"},{"name":"Ok","type":"bool"},{"name":"Item","type":"dynamic"},{"name":"Id","type":"guid"},{"name":"Age","type":"timespan"}],
             "rows":[[42,0.5,true,"{\"Indicator\":\"1.2.3.4\"}","11111111-1111-1111-1111-111111111111","01:02:03"]]}]}
            """;
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, body);
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var row = (await client.QueryWorkspaceAsync(WorkspaceId, "Watchlist")).Table.Rows.Single();

        Assert.That(row["Count"], Is.EqualTo(42L));
        Assert.That(row["Ratio"], Is.EqualTo(0.5));
        Assert.That(row["Ok"], Is.EqualTo(true));
        Assert.That(((JsonElement)row["Item"]!).GetProperty("Indicator").GetString(), Is.EqualTo("1.2.3.4"));
        Assert.That(row["Id"], Is.EqualTo(Guid.Parse("11111111-1111-1111-1111-111111111111")));
        Assert.That(row["Age"], Is.EqualTo(new TimeSpan(1, 2, 3)));
    }

    [Test]
    public async Task Query_PartialError_IsReturnedWithTables()
    {
        const string body = """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"SearchKey","type":"string"}],"rows":[["1.2.3.4"]]}],
             "error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"Query result set has exceeded the internal data size limit"}]}}
            """;
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, body);
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var result = await client.QueryWorkspaceAsync(WorkspaceId, "Watchlist");

        Assert.That(result.IsPartial, Is.True);
        Assert.That(result.Error!.Code, Is.EqualTo("PartialError"));
        Assert.That(result.Error.Message, Does.Contain("data size limit"));
        Assert.That(result.Table.Rows, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Query_SyntaxError_ThrowsWithInnerMessage()
    {
        const string body = """
            {"error":{"code":"BadArgumentError","message":"The request had some invalid properties","innererror":{"code":"SyntaxError","message":"A recognition error occurred in the query.","innererror":{"code":"SYN0002","message":"Query could not be parsed at '|'"}}}}
            """;
        var transport = new FakeTransport().Respond(HttpStatusCode.BadRequest, body, ("x-ms-request-id", "la-1"));
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.QueryWorkspaceAsync(WorkspaceId, "Watchlist |"));

        Assert.That(exception!.Status, Is.EqualTo(400));
        Assert.That(exception.ErrorCode, Is.EqualTo("BadArgumentError"));
        Assert.That(exception.Message, Does.Contain("Query could not be parsed at '|'"));
        Assert.That(exception.RequestId, Is.EqualTo("la-1"));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Query_ServerError_IsRetriedBecauseReadOnly()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.OK, """{"tables":[]}""");
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        await client.QueryWorkspaceAsync(WorkspaceId, "Watchlist");

        Assert.That(transport.Requests, Has.Count.EqualTo(2));
        Assert.That(transport.Requests[1].Method, Is.EqualTo("POST"));
    }

    [Test]
    public async Task Query_EmptyWorkspaceId_IsRejected()
    {
        var client = SentinelTestClient.Create(new FakeTransport()).GetLogAnalyticsQueryClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.QueryWorkspaceAsync(Guid.Empty, "Watchlist"));
    }
}
