using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.Sentinel.Workspace;
using FeedSync.Tests.Sentinel.Contract;
using FeedSync.Workspace;

namespace FeedSync.Tests.Hunting;

/// <summary>The publisher through the real Sentinel client against the in-process emulator on loopback.</summary>
[TestFixture]
[NonParallelizable]
internal sealed class HuntingPublisherEmulatorTests
{
    private static readonly IReadOnlyList<Indicator> Feed = [.. HuntingTestData.RemcosIndicators, .. HuntingTestData.CobaltStrikeIndicators];

    [Test]
    public async Task Republish_Unchanged_MakesNoArmWrite()
    {
        // Arrange
        await using var fixture = await EmulatorFixture.StartAsync();
        var workspace = new SentinelWorkspace(fixture.CreateClient());
        var publisher = new HuntingPublisher(workspace);
        var created = await publisher.PublishAsync(Content("Remcos", "Cobalt Strike"));
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Remcos", "Cobalt Strike"));

        // Assert
        var calls = workspace.GetCallCounts().Since(before);
        Assert.That(created.Created, Is.EqualTo(Content("Remcos", "Cobalt Strike").Queries.Count()));
        Assert.That(report.Unchanged, Is.EqualTo(created.Created));
        Assert.That(report.Changes, Is.Empty);
        Assert.That(calls.Writes, Is.Zero);
        Assert.That(calls.Deletes, Is.Zero);
    }

    [Test]
    public async Task Publish_Tags_RoundTripThroughArm()
    {
        // Arrange
        await using var fixture = await EmulatorFixture.StartAsync();
        var workspace = new SentinelWorkspace(fixture.CreateClient());
        var content = Content("Cobalt Strike");
        var query = content.Queries.First();

        // Act
        await new HuntingPublisher(workspace).PublishAsync(content);

        // Assert
        var saved = await FindAsync(workspace, query.Id.ToString("D"));
        Assert.That(saved, Is.Not.Null);
        Assert.That(saved!.Category, Is.EqualTo("Hunting Queries"));
        Assert.That(saved.DisplayName, Is.EqualTo("ThreatFox: Cobalt Strike IOCs (CommonSecurityLog)"));
        Assert.That(saved.Tags.Where(tag => tag.Key == "tactics").Select(tag => tag.Value), Is.EquivalentTo(new List<string> { "Execution", "CommandAndControl" }));
        Assert.That(HuntingSavedSearches.HaveSameContent(saved, HuntingSavedSearches.ToSavedSearch(query, content.Scopes[0])), Is.True);
    }

    [Test]
    public async Task FamilyRemoved_LeavesOtherSavedSearches()
    {
        // Arrange
        await using var fixture = await EmulatorFixture.StartAsync();
        var workspace = new SentinelWorkspace(fixture.CreateClient());
        var analyst = new SavedSearchRecord("analyst-remcos", "My Remcos hunt", "Hunting Queries", "DeviceNetworkEvents | take 10", [new("description", "mine")]);
        await workspace.UpsertSavedSearchAsync(analyst);
        var publisher = new HuntingPublisher(workspace);
        await publisher.PublishAsync(Content("Remcos", "Cobalt Strike"));
        var others = (await ListAsync(workspace)).Where(saved => !HuntingSavedSearches.IsOwned(saved, "ThreatFox")).Select(saved => saved.Id).ToList();
        var before = workspace.GetCallCounts();

        // Act
        var report = await publisher.PublishAsync(Content("Cobalt Strike"));

        // Assert
        var remaining = (await ListAsync(workspace)).Select(saved => saved.Id).ToList();
        Assert.That(report.Removed, Is.EqualTo(4));
        Assert.That(workspace.GetCallCounts().Since(before).Deletes, Is.EqualTo(4));
        Assert.That(remaining, Is.SupersetOf(others));
        Assert.That(others, Does.Contain("analyst-remcos"));
        Assert.That(remaining, Is.SupersetOf(Content("Cobalt Strike").Queries.Select(query => query.Id.ToString("D"))));
    }

    private static HuntingContent Content(params string[] families) =>
        HuntingTestData.Builder(options =>
        {
            options.IncludeFeedWide = false;
            foreach (var family in families)
            {
                options.Families.Add(family);
            }
        }).Build(Feed);

    private static async Task<List<SavedSearchRecord>> ListAsync(ISentinelWorkspace workspace)
    {
        var saved = new List<SavedSearchRecord>();
        await foreach (var savedSearch in workspace.ListSavedSearchesAsync())
        {
            saved.Add(savedSearch);
        }

        return saved;
    }

    private static async Task<SavedSearchRecord?> FindAsync(ISentinelWorkspace workspace, string id) =>
        (await ListAsync(workspace)).SingleOrDefault(saved => string.Equals(saved.Id, id, StringComparison.OrdinalIgnoreCase));
}
