using FeedSync.Normalisation;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IndicatorMergerTests
{
    [Test]
    public void Build_SameValue_MergesIntoOne()
    {
        // Arrange
        var merger = Merge(
            Records.Remcos(id: 5, confidence: 50) with { FirstSeen = Records.FirstSeen.AddDays(-3), LastSeen = Records.FirstSeen.AddDays(-1), Tags = ["b", "A"] },
            Records.Remcos(id: 2, confidence: 90) with { LastSeen = Records.FirstSeen.AddDays(2), Tags = ["a", "c"], Reference = "https://ref.example" });

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.Confidence, Is.EqualTo(90));
        Assert.That(indicator.Reference, Is.EqualTo("https://ref.example"));
        Assert.That(indicator.FirstSeen, Is.EqualTo(Records.FirstSeen.AddDays(-3)));
        Assert.That(indicator.LastSeen, Is.EqualTo(Records.FirstSeen.AddDays(2)));
        Assert.That(indicator.Tags, Is.EqualTo(new List<string> { "a", "c", "b" }), "tags follow record rank and compare case-insensitively, so the primary record's spelling wins");
        Assert.That(indicator.ThreatFoxIds, Is.EqualTo(new List<long> { 2, 5 }));
    }

    [Test]
    public void Build_DefangedAndPlain_KeepFirstOriginalSpelling()
    {
        // Arrange
        var merger = Merge(Records.Remcos("124[.]198[.]132[.]98:2414", id: 1), Records.Remcos(id: 2, confidence: 100));

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.OriginalValue, Is.EqualTo("124[.]198[.]132[.]98:2414"));
        Assert.That(indicator.Value, Is.EqualTo("124.198.132.98"));
    }

    [Test]
    public void Build_TwoFamilies_ListsBothPrimaryFirst()
    {
        // Arrange
        var merger = Merge(
            Records.Remcos(id: 1, confidence: 50),
            Records.Remcos(id: 2, confidence: 80) with { Malware = "win.asyncrat", MalwarePrintable = "AsyncRAT", MalwareAliases = [] });

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.Families.Select(family => family.Id), Is.EqualTo(new List<string> { "win.asyncrat", "win.remcos" }));
        Assert.That(indicator.Family.Name, Is.EqualTo("AsyncRAT"));
    }

    [Test]
    public void Build_UnknownFamily_NeverPrimaryOverNamed()
    {
        // Arrange
        var merger = Merge(
            Records.Remcos(id: 1, confidence: 100) with { Malware = "unknown", MalwarePrintable = "Unknown malware" },
            Records.Remcos(id: 2, confidence: 50));

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.Family.Id, Is.EqualTo("win.remcos"));
        Assert.That(indicator.Families, Has.Count.EqualTo(2));
        Assert.That(indicator.Confidence, Is.EqualTo(50));
    }

    [Test]
    public void Build_EqualConfidence_EarliestFirstSeenIsPrimary()
    {
        // Arrange
        var merger = Merge(
            Records.Remcos(id: 1) with { ThreatType = "payload_delivery" },
            Records.Remcos(id: 2) with { ThreatType = "botnet_cc", FirstSeen = Records.FirstSeen.AddHours(-1) });

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.ThreatType, Is.EqualTo("botnet_cc"));
    }

    [Test]
    public void Build_SameFamilyTwice_ListedOnce()
    {
        // Arrange
        var merger = Merge(Records.Remcos(id: 1), Records.Remcos(id: 2) with { Malware = "WIN.REMCOS" });

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.Families, Has.Count.EqualTo(1));
    }

    [Test]
    public void Build_DifferentPortsOrKinds_StaySeparate()
    {
        // Arrange
        var merger = Merge(
            Records.Remcos("124.198.132.98:2414", id: 1),
            Records.Remcos("124.198.132.98:2424", id: 2),
            Records.Of("url", "http://124.198.132.98:2414/", id: 3));

        // Act
        var indicators = merger.Build();

        // Assert
        Assert.That(indicators.Select(indicator => indicator.IdentityKey), Is.EqualTo(new List<string>
        {
            "ip|124.198.132.98|2414",
            "ip|124.198.132.98|2424",
            "url|http://124.198.132.98:2414/",
        }));
    }

    [Test]
    public void Build_PunycodeDomain_HasDisplayValue()
    {
        // Arrange
        var merger = Merge(Records.Of("domain", "bücher.example"));

        // Act
        var indicator = merger.Build().Single();

        // Assert
        Assert.That(indicator.Value, Is.EqualTo("xn--bcher-kva.example"));
        Assert.That(indicator.DisplayValue, Is.EqualTo("bücher.example"));
    }

    private static IndicatorMerger Merge(params ThreatFoxRecord[] records)
    {
        var normaliser = new RecordNormaliser();
        var merger = new IndicatorMerger();
        foreach (var record in records)
        {
            merger.Add(normaliser.Normalise(record, out var reject) ?? throw new InvalidOperationException(reject!.Detail));
        }

        return merger;
    }
}
