using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IndicatorIdentityTableTests
{
    [Test]
    public void GetOrAdd_NewIdentity_AddsPosition()
    {
        // Arrange
        var indicators = new List<Indicator>();
        var table = new IndicatorIdentityTable(0);

        // Act
        var found = Add(table, indicators, IndicatorKind.Domain, "a.example", -1);

        // Assert
        Assert.That(found, Is.EqualTo(-1));
    }

    [Test]
    public void GetOrAdd_SameIdentity_ReturnsFirstPosition()
    {
        // Arrange
        var indicators = new List<Indicator>();
        var table = new IndicatorIdentityTable(0);
        Add(table, indicators, IndicatorKind.Domain, "a.example", -1);
        Add(table, indicators, IndicatorKind.Domain, "b.example", -1);

        // Act
        var found = table.GetOrAdd(IndicatorKind.Domain, new string("b.example".AsSpan()), -1, indicators.Count, indicators);

        // Assert
        Assert.That(found, Is.EqualTo(1));
    }

    [Test]
    public void GetOrAdd_OtherPortOrKind_Adds()
    {
        // Arrange
        var indicators = new List<Indicator>();
        var table = new IndicatorIdentityTable(0);
        Add(table, indicators, IndicatorKind.Ip, "10.0.0.1", 80);

        // Act
        var otherPort = Add(table, indicators, IndicatorKind.Ip, "10.0.0.1", 443);
        var noPort = Add(table, indicators, IndicatorKind.Ip, "10.0.0.1", -1);
        var otherKind = Add(table, indicators, IndicatorKind.Md5, "10.0.0.1", 80);

        // Assert
        Assert.That(otherPort, Is.EqualTo(-1));
        Assert.That(noPort, Is.EqualTo(-1));
        Assert.That(otherKind, Is.EqualTo(-1));
    }

    [Test]
    public void GetOrAdd_BeyondCapacity_FindsAll()
    {
        // Arrange
        var indicators = new List<Indicator>();
        var table = new IndicatorIdentityTable(4);
        for (var i = 0; i < 50_000; i++)
        {
            Add(table, indicators, IndicatorKind.Domain, $"host{i}.example", -1);
        }

        // Act
        var positions = Enumerable.Range(0, 50_000)
            .Select(i => table.GetOrAdd(IndicatorKind.Domain, $"host{i}.example", -1, indicators.Count, indicators))
            .ToList();

        // Assert
        Assert.That(positions, Is.EqualTo(Enumerable.Range(0, 50_000)));
    }

    private static int Add(IndicatorIdentityTable table, List<Indicator> indicators, IndicatorKind kind, string value, int port)
    {
        var found = table.GetOrAdd(kind, value, port, indicators.Count, indicators);
        if (found < 0)
        {
            indicators.Add(new Indicator
            {
                Kind = kind,
                Value = value,
                Port = port < 0 ? null : port,
                OriginalValue = value,
                Families = [MalwareFamily.Unknown],
                ThreatType = "botnet_cc",
                Confidence = 50,
                FirstSeen = DateTimeOffset.UnixEpoch,
            });
        }

        return found;
    }
}
