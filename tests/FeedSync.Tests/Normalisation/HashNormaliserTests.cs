using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class HashNormaliserTests
{
    [TestCase(IndicatorKind.Md5, 32)]
    [TestCase(IndicatorKind.Sha1, 40)]
    [TestCase(IndicatorKind.Sha256, 64)]
    [TestCase(IndicatorKind.Sha3_384, 96)]
    public void TryNormalise_MixedCase_Lowered(IndicatorKind kind, int length)
    {
        // Arrange
        var value = string.Concat(Enumerable.Repeat("aB3f", length / 4));

        // Act
        var normalised = HashNormaliser.TryNormalise(value, kind, out var canonical, out _);

        // Assert
        Assert.That(normalised, Is.True);
        Assert.That(canonical, Is.EqualTo(value.ToLowerInvariant()));
    }

    [TestCase(IndicatorKind.Md5, 31)]
    [TestCase(IndicatorKind.Md5, 40)]
    [TestCase(IndicatorKind.Sha1, 32)]
    [TestCase(IndicatorKind.Sha256, 63)]
    [TestCase(IndicatorKind.Sha3_384, 64)]
    public void TryNormalise_WrongLength_Rejected(IndicatorKind kind, int length)
    {
        // Arrange
        var value = new string('a', length);

        // Act
        var normalised = HashNormaliser.TryNormalise(value, kind, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain($"{length} characters"));
    }

    [Test]
    public void TryNormalise_NonHex_Rejected()
    {
        // Arrange
        var value = new string('a', 31) + "g";

        // Act
        var normalised = HashNormaliser.TryNormalise(value, IndicatorKind.Md5, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain("'g'"));
    }

    [Test]
    public void TryNormalise_Surrounded_Trimmed()
    {
        // Arrange
        var value = " " + new string('A', 40) + "\t";

        // Act
        HashNormaliser.TryNormalise(value, IndicatorKind.Sha1, out var canonical, out _);

        // Assert
        Assert.That(canonical, Is.EqualTo(new string('a', 40)));
    }
}
