using System.Text;
using Azure;
using FeedSync.Sentinel;
using FeedSync.Sentinel.SavedSearches;
using FeedSync.Sentinel.Watchlists;
using FeedSync.Sentinel.Workspace;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Sentinel.Contract;

/// <summary>The client against the in-process emulator over HTTPS on loopback.</summary>
[TestFixture]
[NonParallelizable]
internal sealed class SentinelEmulatorContractTests
{
    private static readonly SentinelWatchlistData Data = new("ThreatFox IP", "FeedSync", "Indicator") { Description = "Contract test" };

    [Test]
    public async Task ItemList_SpansSeveralPages()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient().GetWatchlistClient();
        await client.UploadWatchlistItemsAsync("ThreatFox-IP", Data, Csv(250));

        var items = new List<SentinelWatchlistItem>();
        await foreach (var item in client.GetWatchlistItemsAsync("ThreatFox-IP"))
        {
            items.Add(item);
        }

        Assert.That(items, Has.Count.EqualTo(250));
        Assert.That(items.Select(item => item.ItemsKeyValue["Indicator"]).Distinct().Count(), Is.EqualTo(250));
        Assert.That(items.Select(item => item.ItemId).Distinct().Count(), Is.EqualTo(250));
        Assert.That(fixture.Emulator.Statistics.Reads, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task BulkUpload_WaitsForAsyncOperation()
    {
        await using var fixture = await EmulatorFixture.StartAsync(options => options.UploadDuration = TimeSpan.FromMilliseconds(500));
        var client = fixture.CreateClient();

        await client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", Data, Csv(3));
        var watchlist = await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        Assert.That(watchlist.ProvisioningState, Is.EqualTo("Succeeded"));
        Assert.That(fixture.Logs.Entries.Count(entry => entry.EventId == 3012), Is.EqualTo(1));
        Assert.That(await CountItemsAsync(client, "ThreatFox-IP"), Is.EqualTo(3));
    }

    [Test]
    public async Task BulkUpload_OnlyAddsRows()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient();

        await client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", Data, Csv(2));
        await client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", Data, "Indicator,Port\n10.9.9.9,80\n");

        Assert.That(await CountItemsAsync(client, "ThreatFox-IP"), Is.EqualTo(3));
    }

    [Test]
    public async Task LingeringDelete_BlocksRecreateUntilDone()
    {
        await using var fixture = await EmulatorFixture.StartAsync(options => options.DeleteDuration = TimeSpan.FromSeconds(1.5));
        var client = fixture.CreateClient().GetWatchlistClient();
        await client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);

        await client.DeleteWatchlistAsync("ThreatFox-IP", WaitUntil.Started);
        var blocked = await Assert.ThrowsAsync<WatchlistDeleteInProgressException>(() => client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));
        await Task.Delay(TimeSpan.FromSeconds(1.6));
        var recreated = await client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);

        Assert.That(blocked!.WatchlistAlias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(blocked.Status, Is.EqualTo(409));
        Assert.That(recreated.Alias, Is.EqualTo("ThreatFox-IP"));
    }

    [Test]
    public async Task Delete_WaitUntilCompleted_PollsToTheEnd()
    {
        await using var fixture = await EmulatorFixture.StartAsync(options => options.DeleteDuration = TimeSpan.FromSeconds(1));
        var client = fixture.CreateClient().GetWatchlistClient();
        await client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);

        var deleted = await client.DeleteWatchlistAsync("ThreatFox-IP");
        var afterwards = await client.GetWatchlistIfExistsAsync("ThreatFox-IP");
        await client.DeleteWatchlistAsync("ThreatFox-IP");

        Assert.That(deleted, Is.True);
        Assert.That(afterwards, Is.Null);
        Assert.That(fixture.Logs.Entries.Count(entry => entry.EventId == 3012), Is.EqualTo(1));
    }

    [Test]
    public async Task ThrottlingStorm_FinishesByHonouringRetryAfter()
    {
        await using var fixture = await EmulatorFixture.StartAsync(options =>
        {
            options.ThrottleLimits.WriteBucketSize = 10;
            options.ThrottleLimits.WriteRefillPerSecond = 40;
        });
        var client = fixture.CreateClient();
        await client.GetWatchlistClient().CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);

        var writes = Enumerable.Range(0, 40).Select(index => client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync(
            "ThreatFox-IP", Guid.NewGuid(), new Dictionary<string, string> { ["Indicator"] = $"10.1.0.{index}" }));
        await Task.WhenAll(writes);

        var counts = client.GetCallCounts();
        var retries = fixture.Logs.Entries.Where(entry => entry.EventId == 3001).ToList();
        Assert.That(counts.Throttled, Is.GreaterThan(0));
        Assert.That(counts.Throttled, Is.EqualTo(fixture.Emulator.Statistics.Throttled));
        Assert.That(counts.Retries, Is.EqualTo(counts.Throttled));
        Assert.That(retries.Select(entry => entry.Values["DelayMs"]), Has.All.GreaterThanOrEqualTo(1000L));
        Assert.That(retries.Select(entry => entry.Values["RequestId"]), Has.All.InstanceOf<string>());
        Assert.That(await CountItemsAsync(client, "ThreatFox-IP"), Is.EqualTo(40));
    }

    [Test]
    public async Task ServerErrorBurst_IsRetriedThrough()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient(fixture.ClientOptions(maxRetries: 8));
        await client.GetWatchlistClient().CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);
        fixture.Emulator.Faults.Seed = 7;
        fixture.Emulator.Faults.ServerErrorRate = 0.4;

        for (var index = 0; index < 15; index++)
        {
            await client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync(
                "ThreatFox-IP", Guid.NewGuid(), new Dictionary<string, string> { ["Indicator"] = $"10.2.0.{index}" });
        }

        fixture.Emulator.Faults.ServerErrorRate = 0;
        Assert.That(fixture.Emulator.Statistics.ServerErrors, Is.GreaterThan(0));
        Assert.That(client.GetCallCounts().Retries, Is.EqualTo(fixture.Emulator.Statistics.ServerErrors));
        Assert.That(await CountItemsAsync(client, "ThreatFox-IP"), Is.EqualTo(15));
    }

    [Test]
    public async Task DroppedConnection_FailsClearlyThenRecovers()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient(fixture.ClientOptions(maxRetries: 2));
        await client.GetWatchlistClient().CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);
        fixture.Emulator.Faults.DropConnectionAfterWrites = 0;
        var itemId = Guid.NewGuid();
        var columns = new Dictionary<string, string> { ["Indicator"] = "10.3.0.1" };

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, columns));
        fixture.Emulator.Faults.DropConnectionAfterWrites = null;
        var written = await client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, columns);

        Assert.That(exception!.Status, Is.Zero);
        Assert.That(exception.ErrorCode, Is.EqualTo("ConnectionFailed"));
        Assert.That(exception.Retries, Is.EqualTo(2));
        Assert.That(fixture.Emulator.Statistics.DroppedConnections, Is.EqualTo(3));
        Assert.That(written.ItemId, Is.EqualTo(itemId));
    }

    [Test]
    public async Task RejectedToken_Gives401WithAdvice()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient();
        fixture.Emulator.Faults.RejectTokens = true;

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));

        Assert.That(exception!.Status, Is.EqualTo(401));
        Assert.That(exception.ErrorCode, Is.EqualTo("InvalidAuthenticationToken"));
        Assert.That(exception.Message, Does.Contain("token was rejected"));
        Assert.That(exception.RequestId, Is.Not.Null);
    }

    [Test]
    public async Task ForbiddenWrite_NamesSentinelContributor()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient();
        fixture.Emulator.Faults.ForbidWrites = true;

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data));

        Assert.That(exception!.Status, Is.EqualTo(403));
        Assert.That(exception.ErrorCode, Is.EqualTo("AuthorizationFailed"));
        Assert.That(exception.Message, Does.Contain("'Microsoft Sentinel Contributor' role on workspace 'feedsync-local'"));
    }

    [Test]
    public async Task ForbiddenQuery_NamesLogAnalyticsReader()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient();
        fixture.Emulator.Faults.ForbidQueries = true;

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() =>
            client.GetLogAnalyticsQueryClient().QueryWorkspaceAsync(EmulatorFixture.CustomerId, "_GetWatchlist('ThreatFox-IP')"));

        Assert.That(exception!.Status, Is.EqualTo(403));
        Assert.That(exception.Message, Does.Contain("'Log Analytics Reader' role"));
    }

    [Test]
    public async Task Query_GetWatchlist_ReturnsUploadedRows()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient();
        await client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", Data, Csv(5));

        var result = await client.GetLogAnalyticsQueryClient().QueryWorkspaceAsync(
            EmulatorFixture.CustomerId, "_GetWatchlist('ThreatFox-IP')", TimeSpan.FromDays(1));

        Assert.That(result.IsPartial, Is.False);
        Assert.That(result.Table.Rows, Has.Count.EqualTo(5));
        Assert.That(result.Table.Rows.Select(row => row.GetString("SearchKey")), Does.Contain("10.0.0.3"));
    }

    [Test]
    public async Task Item_SameBodyAgain_KeepsEtag()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = fixture.CreateClient().GetWatchlistClient();
        await client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", Data);
        var itemId = Guid.NewGuid();
        var columns = new Dictionary<string, string> { ["Indicator"] = "10.4.0.1", ["Port"] = "443" };

        var first = await client.CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, columns);
        var second = await client.CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, columns);
        var changed = await client.CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, new Dictionary<string, string>(columns) { ["Port"] = "80" });

        Assert.That(second.ETag, Is.EqualTo(first.ETag));
        Assert.That(changed.ETag, Is.Not.EqualTo(first.ETag));
        Assert.That((await client.GetWatchlistItemAsync("ThreatFox-IP", itemId)).ItemsKeyValue["Port"], Is.EqualTo("80"));
    }

    [Test]
    public async Task SavedSearch_RoundTripWithEtag()
    {
        await using var fixture = await EmulatorFixture.StartAsync(options => options.IncludeBuiltInSavedSearches = false);
        var client = fixture.CreateClient().GetSavedSearchClient();
        var savedSearch = new SentinelSavedSearch("feedsync-remcos", "Remcos C2", SentinelSavedSearch.HuntingQueriesCategory, "_GetWatchlist('ThreatFox-IP')")
        {
            Tags = [new("description", "Remcos"), new("tactics", "CommandAndControl"), new("tactics", "Execution")],
        };

        var created = await client.CreateOrUpdateSavedSearchAsync(savedSearch);
        var updated = await client.CreateOrUpdateSavedSearchAsync(created with { Query = "_GetWatchlist('ThreatFox-Domain')" });
        var stale = await Assert.ThrowsAsync<SentinelRequestException>(() => client.CreateOrUpdateSavedSearchAsync(created with { Query = "Watchlist" }));
        var listed = new List<SentinelSavedSearch>();
        await foreach (var item in client.GetSavedSearchesAsync())
        {
            listed.Add(item);
        }

        var deleted = await client.DeleteSavedSearchAsync("feedsync-remcos");
        var missing = await client.GetSavedSearchIfExistsAsync("feedsync-remcos");

        Assert.That(created.ETag, Is.Not.Null);
        Assert.That(updated.ETag, Is.Not.EqualTo(created.ETag));
        Assert.That(stale!.Status, Is.AnyOf(409, 412));
        Assert.That(listed.Single().Tags.Count(tag => tag.Name == "tactics"), Is.EqualTo(2));
        Assert.That(listed.Single().Query, Is.EqualTo("_GetWatchlist('ThreatFox-Domain')"));
        Assert.That(deleted, Is.True);
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task Workspace_FromConfiguration_TalksToEmulator()
    {
        await using var fixture = await EmulatorFixture.StartAsync();
        var certificatePath = Path.Combine(Path.GetTempPath(), $"feedsync-emulator-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(certificatePath, fixture.Emulator.Certificate.ExportCertificatePem());
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FeedSync:Sentinel:SubscriptionId"] = EmulatorFixture.Workspace.SubscriptionId,
                ["FeedSync:Sentinel:ResourceGroup"] = EmulatorFixture.Workspace.ResourceGroupName,
                ["FeedSync:Sentinel:WorkspaceName"] = EmulatorFixture.Workspace.WorkspaceName,
                ["FeedSync:Sentinel:WorkspaceId"] = EmulatorFixture.CustomerId.ToString(),
                ["FeedSync:Sentinel:ArmEndpoint"] = fixture.Emulator.BaseUri.ToString(),
                ["FeedSync:Sentinel:TrustedCertificatePath"] = certificatePath,
                ["FeedSync:Sentinel:OperationPollInterval"] = "00:00:00.050",
            }).Build();
            await using var provider = new ServiceCollection().AddSentinelWorkspace(configuration).BuildServiceProvider();
            var workspace = provider.GetRequiredService<ISentinelWorkspace>();
            var descriptor = new WatchlistDescriptor("ThreatFox-Url", "ThreatFox URL", "URLs", "FeedSync", "Indicator");

            await workspace.CreateOrUpdateWatchlistAsync(descriptor);
            await workspace.BulkAddWatchlistRowsAsync(descriptor, "Indicator,Port\n\"http://a.example/x,y\",\n");
            await workspace.UpsertWatchlistRowAsync("ThreatFox-Url", new WatchlistRow(Guid.NewGuid(), new Dictionary<string, string> { ["Indicator"] = "http://b.example/", ["Port"] = string.Empty }));
            var rows = new List<WatchlistRow>();
            await foreach (var row in workspace.ListWatchlistRowsAsync("ThreatFox-Url"))
            {
                rows.Add(row);
            }

            var fetched = await workspace.GetWatchlistAsync("ThreatFox-Url");
            Assert.That(fetched!.DisplayName, Is.EqualTo("ThreatFox URL"));
            Assert.That(rows.Select(row => row.Columns["Indicator"]), Is.EquivalentTo((string[])["http://a.example/x,y", "http://b.example/"]));
            Assert.That(workspace.GetCallCounts().Writes, Is.EqualTo(3));
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }

    private static async Task<int> CountItemsAsync(SentinelClient client, string alias)
    {
        var count = 0;
        await foreach (var unused in client.GetWatchlistClient().GetWatchlistItemsAsync(alias))
        {
            count++;
        }

        return count;
    }

    private static string Csv(int rows)
    {
        var csv = new StringBuilder("Indicator,Port\n");
        for (var index = 0; index < rows; index++)
        {
            csv.Append("10.0.").Append(index / 250).Append('.').Append(index % 250).Append(",443\n");
        }

        return csv.ToString();
    }
}
