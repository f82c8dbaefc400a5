using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.Workspace;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class HuntingPublisherTests
{
    private static readonly IReadOnlyList<Indicator> Feed = [.. HuntingTestData.RemcosIndicators, .. HuntingTestData.CobaltStrikeIndicators];

    [Test]
    public async Task Publish_Empty_CreatesEveryQuery()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var content = Content("Remcos");

        // Act
        var report = await new HuntingPublisher(workspace).PublishAsync(content);

        // Assert
        Assert.That(report.Created, Is.EqualTo(content.Queries.Count()));
        Assert.That(workspace.GetCallCounts().Writes, Is.EqualTo(content.Queries.Count()));
        Assert.That(workspace.SavedSearches.Keys, Is.EquivalentTo(content.Queries.Select(query => query.Id.ToString("D"))));
    }

    [Test]
    public async Task Publish_SavedSearch_CarriesHuntingMetadata()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var content = Content("Remcos");
        var query = content.Queries.Single(query => query.Name == "ThreatFox: Remcos IOCs (DeviceNetworkEvents)");

        // Act
        await new HuntingPublisher(workspace).PublishAsync(content);

        // Assert
        var saved = workspace.SavedSearches[query.Id.ToString("D")];
        Assert.That(saved.DisplayName, Is.EqualTo("ThreatFox: Remcos IOCs (DeviceNetworkEvents)"));
        Assert.That(saved.Category, Is.EqualTo("Hunting Queries"));
        Assert.That(saved.Query.Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo(query.Query));
        Assert.That(Tags(saved, "description"), Is.EqualTo(new List<string> { query.Description }));
        Assert.That(Tags(saved, "tactics"), Is.EqualTo(new List<string> { "CommandAndControl" }));
        Assert.That(Tags(saved, "techniques"), Is.EqualTo(new List<string> { "T1071,T1219" }));
        Assert.That(Tags(saved, "createdBy"), Is.EqualTo(new List<string> { "FeedSync" }));
        Assert.That(Tags(saved, "feedsyncScope"), Is.EqualTo(new List<string> { "win.remcos" }));
        Assert.That(Tags(saved, "feedsyncFamily"), Is.EqualTo(new List<string> { "Remcos" }));
        Assert.That(Tags(saved, "feedsyncPrefix"), Is.EqualTo(new List<string> { "ThreatFox" }));
    }

    [Test]
    public async Task Publish_SeveralTactics_OneTagEach()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var content = Content("Cobalt Strike");

        // Act
        await new HuntingPublisher(workspace).PublishAsync(content);

        // Assert
        var saved = workspace.SavedSearches[content.Queries.First().Id.ToString("D")];
        Assert.That(Tags(saved, "tactics"), Is.EquivalentTo(new List<string> { "Execution", "CommandAndControl" }));
    }

    [Test]
    public async Task Republish_Unchanged_MakesNoWrite()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos"));
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Remcos"));

        // Assert
        var calls = workspace.GetCallCounts().Since(before);
        Assert.That(calls.Writes, Is.Zero);
        Assert.That(calls.Deletes, Is.Zero);
        Assert.That(calls.Reads, Is.EqualTo(1));
        Assert.That(report.Changes, Is.Empty);
        Assert.That(report.Unchanged, Is.EqualTo(Content("Remcos").Queries.Count()));
    }

    [Test]
    public async Task Republish_NewIndicatorInline_UpdatesInPlace()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos", HuntingQueryStyle.Inline));
        var added = HuntingTestData.Ip("203.0.113.50", 8080, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen);
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Remcos", HuntingQueryStyle.Inline, [.. Feed, added]));

        // Assert
        var updated = report.Changes.Where(change => change.Action == SavedSearchAction.Updated).Select(change => change.DisplayName).ToList();
        Assert.That(updated.Count(name => name.StartsWith("ThreatFox: Remcos IOCs", StringComparison.Ordinal)), Is.EqualTo(4), "The four Remcos queries list the new address.");
        Assert.That(updated.Count(name => name.StartsWith("ThreatFox: all IOCs", StringComparison.Ordinal)), Is.EqualTo(4), "The feed-wide address queries list it too.");
        Assert.That(report.Created, Is.Zero);
        Assert.That(workspace.GetCallCounts().Since(before).Writes, Is.EqualTo(report.Updated));
        Assert.That(workspace.SavedSearches.Values.Where(saved => saved.DisplayName.StartsWith("ThreatFox: Remcos", StringComparison.Ordinal)).Select(saved => saved.Query),
            Has.All.Contains("203.0.113.50"));
    }

    [Test]
    public async Task Republish_Update_SendsCurrentEtag()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos"));
        var query = Content("Remcos").Queries.First();
        var id = query.Id.ToString("D");
        workspace.Seed(workspace.SavedSearches[id] with { Query = "edited by hand" });

        // Act
        var report = await publisher.PublishAsync(Content("Remcos"));

        // Assert
        Assert.That(report.Updated, Is.EqualTo(1));
        Assert.That(workspace.SavedSearches[id].Query.Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo(query.Query));
    }

    [Test]
    public async Task FamilyRemoved_RemovesOnlyItsQueries()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var analystQuery = new SavedSearchRecord("analyst-1", "My Remcos hunt", "Hunting Queries", "DeviceNetworkEvents | take 10", [new("description", "mine")]);
        var otherCategory = new SavedSearchRecord("ops-1", "Ops search", "General Exploration", "Heartbeat | take 1", [new("createdBy", "FeedSync"), new("feedsyncPrefix", "ThreatFox")]);
        workspace.Seed(analystQuery);
        workspace.Seed(otherCategory);
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos", "Cobalt Strike"));
        var remcosIds = Content("Remcos").Scopes.Single(scope => scope.ScopeKey == "win.remcos").Queries.Select(query => query.Id.ToString("D")).ToList();
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Cobalt Strike"));

        // Assert
        Assert.That(report.Removed, Is.EqualTo(remcosIds.Count));
        Assert.That(report.Changes.Where(change => change.Action == SavedSearchAction.Removed).Select(change => change.Id), Is.EquivalentTo(remcosIds));
        Assert.That(workspace.GetCallCounts().Since(before).Deletes, Is.EqualTo(remcosIds.Count));
        Assert.That(workspace.GetCallCounts().Since(before).Writes, Is.Zero);
        Assert.That(workspace.SavedSearches.Keys, Does.Contain("analyst-1"));
        Assert.That(workspace.SavedSearches.Keys, Does.Contain("ops-1"));
        Assert.That(workspace.SavedSearches.Keys, Has.None.AnyOf(remcosIds.ToArray()));
    }

    [Test]
    public async Task OtherDeployment_QueriesAreNotRemoved()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        await new HuntingPublisher(workspace).PublishAsync(Content("Remcos", prefix: "Contoso"));
        var contosoIds = workspace.SavedSearches.Keys.ToList();

        // Act
        var report = await new HuntingPublisher(workspace).PublishAsync(Content("Cobalt Strike"));

        // Assert
        Assert.That(report.Removed, Is.Zero);
        Assert.That(workspace.SavedSearches.Keys, Is.SupersetOf(contosoIds));
    }

    [Test]
    public async Task ConfiguredFamilyWithoutIndicators_KeepsItsQueries()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos"));
        var published = workspace.SavedSearches.Keys.ToList();
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Remcos", HuntingQueryStyle.Watchlist, HuntingTestData.CobaltStrikeIndicators));

        // Assert
        var kept = report.Changes.Where(change => change.Action == SavedSearchAction.Kept).Select(change => change.Id).ToList();
        var removed = report.Changes.Where(change => change.Action == SavedSearchAction.Removed).Select(change => change.Id).ToList();
        Assert.That(kept, Has.Count.EqualTo(4), "The four Remcos queries stay while the family is configured.");
        Assert.That(workspace.SavedSearches.Keys, Is.SupersetOf(kept));
        Assert.That(published.Where(id => !workspace.SavedSearches.ContainsKey(id)), Is.EquivalentTo(removed));
        Assert.That(workspace.GetCallCounts().Since(before).Deletes, Is.EqualTo(removed.Count));
    }

    [Test]
    public async Task ForeignIdClash_IsLeftUnchanged()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();
        var id = Content("Remcos").Queries.First().Id.ToString("D");
        workspace.Seed(new SavedSearchRecord(id, "Someone else's", "Hunting Queries", "T | take 1", []));
        var before = workspace.GetCallCounts();

        // Act
        var report = await new HuntingPublisher(workspace).PublishAsync(Content("Remcos"));

        // Assert
        Assert.That(report.Conflicts, Is.EqualTo(1));
        Assert.That(workspace.SavedSearches[id].DisplayName, Is.EqualTo("Someone else's"));
        Assert.That(workspace.GetCallCounts().Since(before).Writes, Is.EqualTo(Content("Remcos").Queries.Count() - 1));
    }

    [Test]
    public async Task DryRun_ReportsChangesWithoutWriting()
    {
        // Arrange
        var workspace = new InMemorySentinelWorkspace();

        // Act
        var report = await new HuntingPublisher(workspace).PublishAsync(Content("Remcos"), dryRun: true);

        // Assert
        Assert.That(report.DryRun, Is.True);
        Assert.That(report.Created, Is.EqualTo(Content("Remcos").Queries.Count()));
        Assert.That(workspace.GetCallCounts().Writes, Is.Zero);
        Assert.That(workspace.SavedSearches, Is.Empty);
    }

    private static HuntingContent Content(string family, HuntingQueryStyle style = HuntingQueryStyle.Watchlist, IReadOnlyList<Indicator>? indicators = null, string prefix = "ThreatFox") =>
        HuntingTestData.Builder(options =>
        {
            options.Style = style;
            options.WatchlistAliasPrefix = prefix;
            options.Families.Add(family);
        }).Build(indicators ?? Feed);

    private static HuntingContent Content(string first, string second) =>
        HuntingTestData.Builder(options =>
        {
            options.Families.Add(first);
            options.Families.Add(second);
        }).Build(Feed);

    private static List<string> Tags(SavedSearchRecord savedSearch, string name) =>
        [.. savedSearch.Tags.Where(tag => tag.Key == name).Select(tag => tag.Value)];
}
