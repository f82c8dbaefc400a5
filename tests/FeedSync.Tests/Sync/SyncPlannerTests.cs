using FeedSync.Normalisation;
using FeedSync.Sync;

namespace FeedSync.Tests.Sync;

[TestFixture]
internal sealed class SyncPlannerTests
{
    private static readonly string[] Suffixes = ["IP", "Domain", "FileHash"];

    [Test]
    public void GroupByWatchlist_MixedKinds_GroupsInFeedOrder()
    {
        // Arrange
        var ip = TestIndicators.Ip("124.198.132.98", 2414);
        var domain = TestIndicators.Domain("evil.example");
        var md5 = TestIndicators.Domain("d41d8cd98f00b204e9800998ecf8427e") with { Kind = IndicatorKind.Md5 };
        var sha256 = TestIndicators.Domain(new string('a', 64)) with { Kind = IndicatorKind.Sha256 };
        var secondIp = TestIndicators.Ip("31.76.93.14", 1337);

        // Act
        var groups = SyncPlanner.GroupByWatchlist([sha256, ip, domain, md5, secondIp]);

        // Assert
        Assert.That(groups.Keys, Is.EquivalentTo(Suffixes));
        Assert.That(groups["IP"], Is.EqualTo(new[] { ip, secondIp }));
        Assert.That(groups["Domain"], Is.EqualTo(new[] { domain }));
        Assert.That(groups["FileHash"], Is.EqualTo(new[] { sha256, md5 }));
    }

    [TestCase(-1)]
    [TestCase(99)]
    public void GroupByWatchlist_UnknownKind_Throws(int kind)
    {
        // Arrange
        var indicator = TestIndicators.Domain("evil.example") with { Kind = (IndicatorKind)kind };

        // Act and assert
        Assert.That(() => SyncPlanner.GroupByWatchlist([indicator]), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
