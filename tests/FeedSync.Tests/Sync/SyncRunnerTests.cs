using System.Text.Json;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

[TestFixture]
internal sealed class SyncRunnerTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);
    private static readonly string IpAlias = WatchlistAliases.For(IndicatorKind.Ip);

    [Test]
    public async Task Run_FirstLoad_BulkAddsEveryIndicator()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var feed = new StaticFeed { Indicators = TestIndicators.ManyIps(40, Now.AddHours(-2)) };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Added, Is.EqualTo(40));
        Assert.That(workspace.Rows(IpAlias), Has.Count.EqualTo(40));
        Assert.That(workspace.BulkUploads, Has.Count.EqualTo(1));
        Assert.That(report.Arm.Writes, Is.EqualTo(2), "one watchlist create and one bulk upload");
    }

    [Test]
    public async Task Run_DomainsLeftFeedWindow_KeepsTheirHuntingQueries()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var domain = TestIndicators.Domain("remcos-c2.example", Now.AddDays(-2));
        var address = TestIndicators.Ip("124.198.132.98", 2414, Now.AddHours(-2));
        var feed = new StaticFeed { Indicators = [domain, address] };
        var settings = new Dictionary<string, string?> { ["FeedSync:Hunting:Families:0"] = "win.remcos" };
        using var harness = new SyncHarness(feed, workspace, Now, settings, withHunting: true);
        await harness.RunAsync();
        var queriesAfterFirstRun = workspace.SavedSearches.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        feed.Indicators = [address];

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Hunting?.Removed, Is.Zero);
        Assert.That(workspace.SavedSearches.Keys, Is.EquivalentTo(queriesAfterFirstRun));
        Assert.That(workspace.SavedSearches.Values.Any(search => search.Query.Contains("ThreatFox-Domain", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Run_KindFilter_KeepsOtherKindsHuntingQueries()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var domain = TestIndicators.Domain("remcos-c2.example", Now.AddHours(-2));
        var address = TestIndicators.Ip("124.198.132.98", 2414, Now.AddHours(-2));
        var feed = new StaticFeed { Indicators = [domain, address] };
        var settings = new Dictionary<string, string?> { ["FeedSync:Hunting:Families:0"] = "win.remcos" };
        using var harness = new SyncHarness(feed, workspace, Now, settings, withHunting: true);
        await harness.RunAsync();
        var queriesAfterFirstRun = workspace.SavedSearches.ToDictionary(pair => pair.Key, pair => pair.Value.Query, StringComparer.OrdinalIgnoreCase);
        var domainOnly = new IndicatorFilter { Kinds = new HashSet<IndicatorKind> { IndicatorKind.Domain } };

        // Act
        var report = await harness.RunAsync(new SyncRequest { Source = "test", Filter = domainOnly });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded), report.Reason);
        Assert.That(report.Hunting?.Removed, Is.Zero);
        Assert.That(report.Hunting?.Updated, Is.Zero);
        Assert.That(workspace.SavedSearches.ToDictionary(pair => pair.Key, pair => pair.Value.Query, StringComparer.OrdinalIgnoreCase), Is.EquivalentTo(queriesAfterFirstRun));
    }

    [Test]
    public async Task Run_SameFeedTwice_SecondWritesNothing()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var feed = new StaticFeed { Indicators = TestIndicators.ManyIps(40, Now.AddHours(-2)) };
        using var harness = new SyncHarness(feed, workspace, Now);
        await harness.RunAsync();
        harness.Clock.Advance(TimeSpan.FromHours(1));

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Arm.Writes, Is.Zero);
        Assert.That(report.Arm.Deletes, Is.Zero);
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Unchanged, Is.EqualTo(40));
    }

    [Test]
    public async Task Run_FewAdditions_SingleItemsUnderDeterministicIds()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var indicators = TestIndicators.ManyIps(3, Now.AddHours(-2));
        var feed = new StaticFeed { Indicators = indicators };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        await harness.RunAsync();

        // Assert
        Assert.That(workspace.BulkUploads, Is.Empty);
        Assert.That(workspace.Rows(IpAlias).Select(row => row.ItemId), Is.EquivalentTo(indicators.Select(IndicatorIds.For)));
    }

    [Test]
    public async Task Run_DryRun_WritesNothingReportsPlan()
    {
        // Arrange
        var workspace = new InMemoryWorkspace();
        var feed = new StaticFeed { Indicators = TestIndicators.ManyIps(40, Now.AddHours(-2)) };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        var report = await harness.RunAsync(new SyncRequest { Source = "test", DryRun = true, IncludeChanges = true });

        // Assert
        Assert.That(report.DryRun, Is.True);
        Assert.That(report.Arm.Writes, Is.Zero);
        Assert.That(workspace.Has(IpAlias), Is.False);
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Added, Is.EqualTo(40));
        Assert.That(report.Changes, Has.Count.EqualTo(40));
    }

    [Test]
    public async Task Run_EmptyFeed_StopsAndLeavesWatchlistUntouched()
    {
        // Arrange: a watchlist whose rows would all be expired by the clock.
        var workspace = LoadedWorkspace(10, Now.AddDays(-100));
        var before = Snapshot(workspace);
        using var harness = new SyncHarness(new StaticFeed(), workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Stopped));
        Assert.That(report.Reason, Does.Contain("no indicators"));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(Snapshot(workspace), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Run_FailedFeed_FailsAndLeavesWatchlistUntouched()
    {
        // Arrange
        var workspace = LoadedWorkspace(10, Now.AddDays(-100));
        var before = Snapshot(workspace);
        var feed = new StaticFeed { Failure = new HttpRequestException("ThreatFox answered 503.") };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Failed));
        Assert.That(report.Reason, Does.Contain("ThreatFox answered 503."));
        Assert.That(report.SourceRead, Is.False);
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(Snapshot(workspace), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Run_RemovalAboveThreshold_StopsBeforeAnyWrite()
    {
        // Arrange: 10 stored rows past retention, and one new indicator that would be added.
        var workspace = LoadedWorkspace(10, Now.AddDays(-100));
        var before = Snapshot(workspace);
        var feed = new StaticFeed { Indicators = [TestIndicators.Ip("192.0.2.10", 8080, Now.AddHours(-1))] };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Stopped));
        Assert.That(report.Reason, Does.Contain(IpAlias).And.Contain("10 of 10").And.Contain("--force"));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(Snapshot(workspace), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Run_RemovalAboveThresholdForced_Removes()
    {
        // Arrange
        var workspace = LoadedWorkspace(10, Now.AddDays(-100));
        var feed = new StaticFeed { Indicators = [TestIndicators.Ip("192.0.2.10", 8080, Now.AddHours(-1))] };
        using var harness = new SyncHarness(feed, workspace, Now);

        // Act
        var report = await harness.RunAsync(new SyncRequest { Source = "test", Force = true });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Removed, Is.EqualTo(10));
        Assert.That(workspace.Rows(IpAlias), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Run_RemovalWithinThreshold_Applies()
    {
        // Arrange: 2 of 10 rows expire, exactly the 20% default.
        var workspace = LoadedWorkspace(8, Now.AddHours(-3));
        var old = TestIndicators.ManyIps(10, Now.AddDays(-100)).Skip(8).ToList();
        Load(workspace, old);
        using var harness = new SyncHarness(new StaticFeed { Indicators = TestIndicators.ManyIps(8, Now.AddHours(-3)) }, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Removed, Is.EqualTo(2));
        Assert.That(report.Arm.Deletes, Is.EqualTo(2));
    }

    [Test]
    public async Task Run_AsOfLater_ExpiresWithoutWallClock()
    {
        // Arrange
        var workspace = LoadedWorkspace(10, Now.AddHours(-3));
        using var harness = new SyncHarness(new StaticFeed { Indicators = TestIndicators.ManyIps(10, Now.AddHours(-3)) }, workspace, Now);

        // Act
        var report = await harness.RunAsync(new SyncRequest { Source = "test", DryRun = true, AsOf = Now.AddDays(40) });

        // Assert
        Assert.That(report.AsOf, Is.EqualTo(Now.AddDays(40)));
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Stopped));
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).Removed, Is.EqualTo(10));
    }

    [Test]
    public async Task Run_ExpiredFeedIndicators_SkippedAndCounted()
    {
        // Arrange
        var feed = new StaticFeed { Indicators = [TestIndicators.Ip("192.0.2.10", 8080, Now.AddDays(-31)), TestIndicators.Domain("example.com", Now.AddDays(-31))] };
        using var harness = new SyncHarness(feed, new InMemoryWorkspace(), Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        var ip = report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias);
        Assert.That(ip.SkippedExpired, Is.EqualTo(1));
        Assert.That(ip.Added, Is.Zero);
        Assert.That(ip.Retention, Is.EqualTo(TimeSpan.FromDays(30)));
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == "ThreatFox-Domain").Added, Is.EqualTo(1));
    }

    [Test]
    public async Task Run_CrashDuringBulkThenRerun_ConvergesWithoutDuplicates()
    {
        // Arrange: the second bulk request is stored by the service but its answer is lost, then the run dies.
        var workspace = new InMemoryWorkspace { FailAfterChanges = 2, CommitBeforeFailing = true };
        var indicators = TestIndicators.ManyIps(300, Now.AddHours(-2));
        var settings = new Dictionary<string, string?> { ["FeedSync:Sync:BulkRequestMaxBytes"] = "20000" };
        using var harness = new SyncHarness(new StaticFeed { Indicators = indicators }, workspace, Now, settings);
        var crashed = await harness.RunAsync();
        workspace.FailAfterChanges = null;

        // Act
        var rerun = await harness.RunAsync();

        // Assert
        Assert.That(crashed.Outcome, Is.EqualTo(SyncOutcome.Failed));
        Assert.That(rerun.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(IndicatorIdsIn(workspace), Is.EquivalentTo(indicators.Select(IndicatorIds.For)));
    }

    [Test]
    public async Task Run_DuplicateRowsFromRetriedBulk_ReducedToOne()
    {
        // Arrange: the same bulk upload stored twice, as a retried non-idempotent request would.
        var workspace = new InMemoryWorkspace();
        var indicators = TestIndicators.ManyIps(20, Now.AddHours(-2));
        Load(workspace, indicators);
        Load(workspace, indicators);
        using var harness = new SyncHarness(new StaticFeed { Indicators = indicators }, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Watchlists.Single(watchlist => watchlist.Alias == IpAlias).DuplicatesRemoved, Is.EqualTo(20));
        Assert.That(IndicatorIdsIn(workspace), Is.EquivalentTo(indicators.Select(IndicatorIds.For)));
    }

    [Test]
    public async Task Run_WorkspaceReadFails_FailsWithoutWrites()
    {
        // Arrange
        var workspace = LoadedWorkspace(5, Now.AddHours(-3));
        workspace.FailReads = true;
        using var harness = new SyncHarness(new StaticFeed { Indicators = TestIndicators.ManyIps(5, Now) }, workspace, Now);

        // Act
        var report = await harness.RunAsync();

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Failed));
        Assert.That(report.Arm.Writes, Is.Zero);
    }

    [Test]
    public async Task Report_Json_CamelCaseContract()
    {
        // Arrange
        using var harness = new SyncHarness(new StaticFeed { Indicators = TestIndicators.ManyIps(3, Now) }, new InMemoryWorkspace(), Now);
        var report = await harness.RunAsync();

        // Act
        using var document = JsonDocument.Parse(SyncReportJson.Serialize(report));
        var root = document.RootElement;

        // Assert
        Assert.That(root.GetProperty("source").GetProperty("records").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("source").GetProperty("accepted").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("source").GetProperty("rejected").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("watchlists")[0].GetProperty("alias").GetString(), Is.EqualTo(IpAlias));
        Assert.That(root.GetProperty("watchlists")[0].GetProperty("added").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("watchlists")[0].TryGetProperty("updated", out _), Is.True);
        Assert.That(root.GetProperty("watchlists")[0].TryGetProperty("removed", out _), Is.True);
        Assert.That(root.GetProperty("watchlists")[0].TryGetProperty("unchanged", out _), Is.True);
        Assert.That(root.GetProperty("arm").GetProperty("writes").GetInt64(), Is.EqualTo(4));
        Assert.That(root.GetProperty("arm").TryGetProperty("reads", out _), Is.True);
        Assert.That(root.GetProperty("arm").TryGetProperty("deletes", out _), Is.True);
        Assert.That(root.GetProperty("arm").TryGetProperty("retries", out _), Is.True);
        Assert.That(root.GetProperty("arm").TryGetProperty("throttled", out _), Is.True);
        Assert.That(root.GetProperty("dryRun").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("durationMs").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(root.GetProperty("outcome").GetString(), Is.EqualTo("succeeded"));
    }

    private static InMemoryWorkspace LoadedWorkspace(int count, DateTimeOffset lastSeen)
    {
        var workspace = new InMemoryWorkspace();
        Load(workspace, TestIndicators.ManyIps(count, lastSeen));
        return workspace;
    }

    /// <summary>Stores rows as a bulk upload would, with service-assigned item ids, without counting calls.</summary>
    private static void Load(InMemoryWorkspace workspace, IEnumerable<Indicator> indicators)
    {
        var options = new SyncOptions();
        var rows = indicators.Select(indicator => IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind))));
        var descriptor = WatchlistLayout.Describe([IndicatorKind.Ip], WatchlistAliases.DefaultPrefix);
        foreach (var document in WatchlistCsvWriter.WriteDocuments(rows, options.BulkRequestMaxBytes))
        {
            workspace.Seed(descriptor, [.. Watchlists.CsvReader.ReadWithHeader(document.Text).Select(columns => new WatchlistRow(Guid.NewGuid(), columns))]);
        }
    }

    private static List<Guid> IndicatorIdsIn(InMemoryWorkspace workspace) =>
        [.. workspace.Rows(IpAlias).Select(row => Guid.Parse(row.Columns[WatchlistColumns.IndicatorId]))];

    private static List<string> Snapshot(InMemoryWorkspace workspace) =>
        [.. workspace.Rows(IpAlias).Select(row => $"{row.ItemId}|{string.Join('|', WatchlistColumns.All.Select(column => row.Columns.GetValueOrDefault(column)))}")];
}
