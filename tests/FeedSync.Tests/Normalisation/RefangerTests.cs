using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class RefangerTests
{
    [TestCase("evil[.]example[.]com", "evil.example.com")]
    [TestCase("evil(.)example(.)com", "evil.example.com")]
    [TestCase("evil{.}example{.}com", "evil.example.com")]
    [TestCase("evil[dot]example[DOT]com", "evil.example.com")]
    [TestCase("1.2.3.4[:]8080", "1.2.3.4:8080")]
    [TestCase("hxxp://evil.example/x", "http://evil.example/x")]
    [TestCase("hxxps://evil.example/x", "https://evil.example/x")]
    [TestCase("HXXPS://evil.example/x", "HTTPS://evil.example/x")]
    [TestCase("hxxps[://]evil[.]example/a[.]php", "https://evil.example/a.php")]
    public void Refang_DefangedForm_RestoresValue(string defanged, string expected)
    {
        // Act
        var value = Refanger.Refang(defanged);

        // Assert
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test]
    public void Refang_PlainValue_ReturnsSameInstance()
    {
        // Arrange
        var plain = "https://evil.example/path?q=1";

        // Act
        var value = Refanger.Refang(plain);

        // Assert
        Assert.That(value, Is.SameAs(plain));
    }
}
