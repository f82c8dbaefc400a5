using FeedSync.Cli.Composition;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Tests.Cli.Composition;

[TestFixture]
internal sealed class SyncRunLockFileTests
{
    private const string SubscriptionId = "00000000-0000-0000-0000-000000000000";

    [TestCase("https://127.0.0.1:38653/", "https://localhost:38653")]
    [TestCase("https://127.0.0.1:38653/", "https://[::1]:38653/")]
    [TestCase("https://LOCALHOST:443/", "https://127.0.0.1")]
    [TestCase("https://management.azure.com/", "https://Management.Azure.com:443")]
    public void PathFor_EndpointSpellings_ShareOneLock(string first, string second)
    {
        // Act
        var firstPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel(first, "feedsync-local", "ws"), "/tmp");
        var secondPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel(second, "FeedSync-Local", "WS"), "/tmp");

        // Assert
        Assert.That(secondPath, Is.EqualTo(firstPath));
    }

    [TestCase("https://127.0.0.1:38653/", "https://127.0.0.1:38654/")]
    [TestCase("https://127.0.0.1/", "https://management.azure.com/")]
    public void PathFor_DifferentEndpoints_UseTwoLocks(string first, string second)
    {
        // Act
        var firstPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel(first, "rg", "ws"), "/tmp");
        var secondPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel(second, "rg", "ws"), "/tmp");

        // Assert
        Assert.That(secondPath, Is.Not.EqualTo(firstPath));
    }

    [Test]
    public void PathFor_DifferentWorkspaces_UseTwoLocks()
    {
        // Act
        var firstPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel("https://127.0.0.1:1/", "rg", "ws-a"), "/tmp");
        var secondPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel("https://127.0.0.1:1/", "rg", "ws-b"), "/tmp");

        // Assert
        Assert.That(secondPath, Is.Not.EqualTo(firstPath));
    }

    [Test]
    public void PathFor_PublicCloudWithoutEndpoint_MatchesExplicitArmUrl()
    {
        // Arrange
        var byCloud = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:Sentinel:SubscriptionId"] = SubscriptionId,
            ["FeedSync:Sentinel:ResourceGroup"] = "rg",
            ["FeedSync:Sentinel:WorkspaceName"] = "ws",
        }).Build();

        // Act
        var cloudPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, byCloud, "/tmp");
        var endpointPath = SyncRunLockFile.PathFor(CliTargets.Sentinel, Sentinel("https://management.azure.com/", "rg", "ws"), "/tmp");

        // Assert
        Assert.That(endpointPath, Is.EqualTo(cloudPath));
    }

    private static IConfiguration Sentinel(string armEndpoint, string resourceGroup, string workspaceName) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:Sentinel:ArmEndpoint"] = armEndpoint,
            ["FeedSync:Sentinel:SubscriptionId"] = SubscriptionId,
            ["FeedSync:Sentinel:ResourceGroup"] = resourceGroup,
            ["FeedSync:Sentinel:WorkspaceName"] = workspaceName,
        }).Build();
}
