using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class HostNameNormaliserTests
{
    [TestCase("MicrosoftSyst3m.com", "microsoftsyst3m.com")]
    [TestCase("SerdyuK2-50934.portmap.host", "serdyuk2-50934.portmap.host")]
    [TestCase("evil.example.", "evil.example")]
    [TestCase(" evil.example ", "evil.example")]
    [TestCase("bücher.example", "xn--bcher-kva.example")]
    [TestCase("BÜCHER.example", "xn--bcher-kva.example")]
    [TestCase("xn--8drr43dbqh.jpn.com", "xn--8drr43dbqh.jpn.com")]
    [TestCase("_dmarc.evil.example", "_dmarc.evil.example")]
    [TestCase("a-b.c-d.example", "a-b.c-d.example")]
    [TestCase("ＥＸＡＭＰＬＥ.com", "example.com")]
    [TestCase("evil\u3002example", "evil.example")]
    [TestCase("ｂüｃｈｅｒ.example", "xn--bcher-kva.example")]
    [TestCase("\u0928\u092E\u0938\u094D\u0924\u0947.example", "xn--h2bhs4b8d8a.example")]
    public void TryNormalise_ValidName_ReturnsCanonical(string value, string expected)
    {
        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out var canonical, out _);

        // Assert
        Assert.That(normalised, Is.True);
        Assert.That(canonical, Is.EqualTo(expected));
    }

    [TestCase("evil.example")]
    [TestCase("xn--8drr43dbqh.jpn.com")]
    public void TryNormalise_CanonicalName_ReturnsSameInstance(string value)
    {
        // Act
        HostNameNormaliser.TryNormalise(value, out var canonical, out _);

        // Assert
        Assert.That(canonical, Is.SameAs(value));
    }

    [TestCase("e\u0301xample.com", "U+0301")]
    [TestCase("\u2168.example", "U+2168")]
    public void TryNormalise_DecomposedOrCompatibilityCharacter_Rejected(string value, string expectedText)
    {
        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain(expectedText));
    }

    [TestCase("")]
    [TestCase("localhost")]
    [TestCase("1.2.3.4")]
    [TestCase("evil..example")]
    [TestCase("-evil.example")]
    [TestCase("evil-.example")]
    [TestCase("evil example.com")]
    [TestCase("evil.example/path")]
    [TestCase("evil.example:8080")]
    [TestCase("*.evil.example")]
    [TestCase("xn--zz.example")]
    public void TryNormalise_InvalidName_ReturnsDetail(string value)
    {
        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Is.Not.Empty);
    }

    [TestCase("evil\u202Ecom.example", "U+202E")]
    [TestCase("ev\u200Bil.example", "U+200B")]
    [TestCase("evil.exa\u00ADmple", "U+00AD")]
    [TestCase("evil\u001b.example", "U+001B")]
    public void TryNormalise_InvisibleCharacter_Rejected(string value, string codePoint)
    {
        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain(codePoint));
    }

    [Test]
    public void TryNormalise_LabelTooLong_Rejected()
    {
        // Arrange
        var value = new string('a', 64) + ".example";

        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain("64 characters"));
    }

    [Test]
    public void TryNormalise_NameTooLong_Rejected()
    {
        // Arrange
        var value = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".example";

        // Act
        var normalised = HostNameNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain("at most 253"));
    }

    [Test]
    public void ToDisplayName_Punycode_ReturnsUnicode()
    {
        // Act
        var display = HostNameNormaliser.ToDisplayName("xn--bcher-kva.example");

        // Assert
        Assert.That(display, Is.EqualTo("bücher.example"));
    }

    [Test]
    public void ToDisplayName_Ascii_ReturnsNull()
    {
        // Act
        var display = HostNameNormaliser.ToDisplayName("evil.example");

        // Assert
        Assert.That(display, Is.Null);
    }
}
