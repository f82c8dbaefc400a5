using System.Net;
using System.Text.Json;
using FeedSync.Sentinel.Watchlists;
using FeedSync.Sentinel.Workspace;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sentinel.Workspace;

[TestFixture]
internal sealed class SentinelWorkspaceTests
{
    private static readonly WatchlistDescriptor Descriptor = new("ThreatFox-IP", "ThreatFox IP", "IPs", "FeedSync", "Indicator")
    {
        Labels = ["ThreatFox"],
        DefaultDuration = TimeSpan.FromDays(14),
    };

    [Test]
    public async Task GetWatchlist_MapsDescriptorOrNull()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"))
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("404", "Resource 'ThreatFox-Url' does not exist"));
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        var found = await workspace.GetWatchlistAsync("ThreatFox-IP");
        var missing = await workspace.GetWatchlistAsync("ThreatFox-Url");

        Assert.That(found!.Alias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(found.ItemsSearchKey, Is.EqualTo("Indicator"));
        Assert.That(found.DefaultDuration, Is.EqualTo(TimeSpan.FromDays(30)));
        Assert.That(found.Labels, Is.EqualTo((string[])["ioc"]));
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task GetWatchlist_BeingDeleted_ThrowsDeleteInProgress()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP", provisioningState: "Deleting"));
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        var exception = await Assert.ThrowsAsync<WatchlistDeleteInProgressException>(() => workspace.GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.WatchlistAlias, Is.EqualTo("ThreatFox-IP"));
    }

    [Test]
    public async Task ListRows_SkipsDeletedItems()
    {
        var live = Guid.NewGuid();
        var deleted = ArmBodies.Item(Guid.NewGuid(), "5.6.7.8").Replace("\"isDeleted\":false", "\"isDeleted\":true", StringComparison.Ordinal);
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, $$"""{"value":[{{ArmBodies.Item(live, "1.2.3.4")}},{{deleted}}]}""");
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        var rows = new List<WatchlistRow>();
        await foreach (var row in workspace.ListWatchlistRowsAsync("ThreatFox-IP"))
        {
            rows.Add(row);
        }

        Assert.That(rows.Single().ItemId, Is.EqualTo(live));
        Assert.That(rows.Single().Columns["Indicator"], Is.EqualTo("1.2.3.4"));
        Assert.That(rows.Single().ETag, Is.Not.Null);
    }

    [Test]
    public async Task BulkAdd_SendsDescriptorAndCsv()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        await workspace.BulkAddWatchlistRowsAsync(Descriptor, "Indicator,Port\n1.2.3.4,443\n");

        using var body = JsonDocument.Parse(transport.Requests.Single().Body!);
        var properties = body.RootElement.GetProperty("properties");
        Assert.That(properties.GetProperty("rawContent").GetString(), Is.EqualTo("Indicator,Port\n1.2.3.4,443\n"));
        Assert.That(properties.GetProperty("numberOfLinesToSkip").GetInt32(), Is.Zero);
        Assert.That(properties.GetProperty("defaultDuration").GetString(), Is.EqualTo("P14D"));
        Assert.That(properties.GetProperty("itemsSearchKey").GetString(), Is.EqualTo("Indicator"));
    }

    [Test]
    public async Task BulkAdd_HeaderOnly_SendsNothing()
    {
        var transport = new FakeTransport();
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        await workspace.BulkAddWatchlistRowsAsync(Descriptor, "Indicator,Port\n");

        Assert.That(transport.Requests, Is.Empty);
    }

    [Test]
    public async Task UpsertSavedSearch_WithoutEtag_Overwrites()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.OK, """{"name":"feedsync-remcos","properties":{"category":"Hunting Queries","displayName":"Remcos","query":"Watchlist"}}""");
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));
        var record = new SavedSearchRecord("feedsync-remcos", "Remcos", "Hunting Queries", "Watchlist", [new("tactics", "Execution"), new("tactics", "Persistence")]);

        await workspace.UpsertSavedSearchAsync(record);

        using var body = JsonDocument.Parse(transport.Requests.Single().Body!);
        Assert.That(body.RootElement.GetProperty("etag").GetString(), Is.EqualTo("*"));
        Assert.That(body.RootElement.GetProperty("properties").GetProperty("tags").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task DeleteMissingRowAndSearch_Succeed()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("404", "missing"))
            .Respond(HttpStatusCode.NotFound, ArmBodies.Error("SavedSearchNotFound", "missing"));
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(transport));

        await workspace.DeleteWatchlistRowAsync("ThreatFox-IP", Guid.NewGuid());
        await workspace.DeleteSavedSearchAsync("feedsync-remcos");

        Assert.That(workspace.GetCallCounts().Deletes, Is.EqualTo(2));
    }

    [Test]
    public async Task Query_WithoutWorkspaceId_NamesSetting()
    {
        var workspace = new SentinelWorkspace(SentinelTestClient.Create(new FakeTransport()));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => workspace.QueryAsync("Watchlist"));

        Assert.That(exception!.Message, Does.Contain("FeedSync:Sentinel:WorkspaceId"));
    }
}
