using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IndicatorTests
{
    [Test]
    public void IdentityKey_WithPort_IncludesPort()
    {
        // Arrange
        var indicator = CreateIndicator(IndicatorKind.Ip, "124.198.132.98", 2414);

        // Act
        var key = indicator.IdentityKey;

        // Assert
        Assert.That(key, Is.EqualTo("ip|124.198.132.98|2414"));
    }

    [Test]
    public void IdentityKey_WithoutPort_IsKindAndValue()
    {
        // Arrange
        var indicator = CreateIndicator(IndicatorKind.Domain, "example.com", null);

        // Act
        var key = indicator.IdentityKey;

        // Assert
        Assert.That(key, Is.EqualTo("domain|example.com"));
    }

    [Test]
    public void LastActivity_WithoutLastSeen_IsFirstSeen()
    {
        // Arrange
        var indicator = CreateIndicator(IndicatorKind.Domain, "example.com", null);

        // Act
        var lastActivity = indicator.LastActivity;

        // Assert
        Assert.That(lastActivity, Is.EqualTo(indicator.FirstSeen));
    }

    private static Indicator CreateIndicator(IndicatorKind kind, string value, int? port) => new()
    {
        Kind = kind,
        Value = value,
        Port = port,
        OriginalValue = value,
        Families = [new MalwareFamily("win.remcos", "Remcos", [])],
        ThreatType = "botnet_cc",
        Confidence = 75,
        FirstSeen = new DateTimeOffset(2026, 5, 26, 0, 0, 0, TimeSpan.Zero),
    };
}
