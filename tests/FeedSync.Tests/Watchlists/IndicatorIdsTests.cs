using FeedSync.Normalisation;
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

    [TestCaseSource(nameof(IdentityCases))]
    public void For_AnyIndicator_HashesIdentityKey(Indicator indicator)
    {
        // Act
        var id = IndicatorIds.For(indicator);

        // Assert
        Assert.That(id, Is.EqualTo(IndicatorIds.ForIdentityKey(indicator.IdentityKey)));
    }

    [Test]
    public void NameBasedGuid_LongName_MatchesPlainSha1()
    {
        // Arrange: a name longer than the stack buffer, with characters of two, three and four UTF-8 bytes.
        var name = string.Concat(Enumerable.Repeat("é中😀x", 200));

        // Act
        var uuid = NameBasedGuid.Create(IndicatorIds.Namespace, name);

        // Assert
        Assert.That(uuid, Is.EqualTo(PlainVersion5(IndicatorIds.Namespace, name)));
    }

    private static IEnumerable<TestCaseData> IdentityCases()
    {
        var ip = TestIndicators.Ip("124.198.132.98", 2414);
        yield return new TestCaseData(ip).SetName("For_IpWithPort_HashesIdentityKey");
        yield return new TestCaseData(ip with { Port = null }).SetName("For_IpWithoutPort_HashesIdentityKey");
        yield return new TestCaseData(ip with { Port = -1 }).SetName("For_NegativePort_HashesIdentityKey");
        yield return new TestCaseData(ip with { Port = int.MinValue }).SetName("For_SmallestPort_HashesIdentityKey");
        yield return new TestCaseData(TestIndicators.Domain("xn--bcher-kva.example")).SetName("For_Domain_HashesIdentityKey");
        yield return new TestCaseData(TestIndicators.Domain("bücher.例え.example")).SetName("For_UnicodeValue_HashesIdentityKey");
        yield return new TestCaseData(TestIndicators.Domain("lone\uD800surrogate")).SetName("For_LoneSurrogate_HashesIdentityKey");
        yield return new TestCaseData(TestIndicators.Domain(string.Empty)).SetName("For_EmptyValue_HashesIdentityKey");
        yield return new TestCaseData(TestIndicators.Domain("http://evil.example/" + new string('A', 100_000)) with { Kind = IndicatorKind.Url }).SetName("For_LongUrl_HashesIdentityKey");
        foreach (var kind in Enum.GetValues<IndicatorKind>())
        {
            yield return new TestCaseData(TestIndicators.Domain("d41d8cd98f00b204e9800998ecf8427e") with { Kind = kind }).SetName($"For_{kind}_HashesIdentityKey");
        }

        yield return new TestCaseData(TestIndicators.Domain("value") with { Kind = (IndicatorKind)99 }).SetName("For_UndefinedKind_HashesIdentityKey");
    }

    private static Guid PlainVersion5(Guid namespaceId, string name)
    {
        var input = new byte[16].Concat(System.Text.Encoding.UTF8.GetBytes(name)).ToArray();
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
#pragma warning disable CA5350 // RFC 9562 fixes SHA-1 for version 5 UUIDs.
        var hash = System.Security.Cryptography.SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
