using FeedSync.Tests.Sync;
using FeedSync.Watchlists;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class IndicatorIdsTests
{
    [Test]
    public void NameBasedGuid_RfcVector_Matches()
    {
        // Arrange: RFC 9562 appendix A.4, the DNS namespace and "www.example.com".
        var dnsNamespace = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        // Act
        var uuid = NameBasedGuid.Create(dnsNamespace, "www.example.com");

        // Assert
        Assert.That(uuid, Is.EqualTo(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2")));
    }

    [Test]
    public void For_SameIdentity_SameVersion5Id()
    {
        // Arrange
        var first = TestIndicators.Ip("124.198.132.98", 2414);
        var second = TestIndicators.Ip("124.198.132.98", 2414, TestIndicators.FirstSeen.AddDays(3), threatFoxId: 99);

        // Act
        var firstId = IndicatorIds.For(first);
        var secondId = IndicatorIds.For(second);

        // Assert
        Assert.That(secondId, Is.EqualTo(firstId));
        Assert.That(firstId.Version, Is.EqualTo(5));
        Assert.That(firstId, Is.EqualTo(IndicatorIds.ForIdentityKey("ip|124.198.132.98|2414")));
    }

    [Test]
    public void For_OtherPort_OtherId()
    {
        // Arrange
        var first = TestIndicators.Ip("124.198.132.98", 2414);
        var second = TestIndicators.Ip("124.198.132.98", 2424);

        // Act
        var firstId = IndicatorIds.For(first);
        var secondId = IndicatorIds.For(second);

        // Assert
        Assert.That(secondId, Is.Not.EqualTo(firstId));
    }

    [Test]
    public void AlternateItemId_IsStableAndDistinct()
    {
        // Arrange
        var indicatorId = IndicatorIds.ForIdentityKey("domain|example.com");

        // Act
        var alternate = IndicatorIds.AlternateItemId(indicatorId);

        // Assert
        Assert.That(alternate, Is.Not.EqualTo(indicatorId));
        Assert.That(IndicatorIds.AlternateItemId(indicatorId), Is.EqualTo(alternate));
    }
}
