using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class UrlNormaliserTests
{
    [TestCase("HTTP://Evil.EXAMPLE/Path/File.PHP?Q=A#Frag", "http://evil.example/Path/File.PHP?Q=A#Frag")]
    [TestCase("http://evil.example:80/a", "http://evil.example/a")]
    [TestCase("https://evil.example:443/a", "https://evil.example/a")]
    [TestCase("https://evil.example:80/a", "https://evil.example:80/a")]
    [TestCase("http://evil.example:8080", "http://evil.example:8080")]
    [TestCase("http://malaikahlowry33.top", "http://malaikahlowry33.top")]
    [TestCase("https://trymefislqe.com/m7qdgYFGNyuQCnCTCkmZvHfF8eukx1b6?id=", "https://trymefislqe.com/m7qdgYFGNyuQCnCTCkmZvHfF8eukx1b6?id=")]
    [TestCase("http://1.2.3.4:8000/x.sh", "http://1.2.3.4:8000/x.sh")]
    [TestCase("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x")]
    [TestCase("http://bücher.example/ä", "http://xn--bcher-kva.example/ä")]
    [TestCase("http://user:pw@Evil.example/", "http://user:pw@evil.example/")]
    [TestCase("https://evil.example/a//b/../c%2F", "https://evil.example/a//b/../c%2F")]
    [TestCase("http://evil.example:/a", "http://evil.example/a")]
    [TestCase("https://evil.example?q=1", "https://evil.example?q=1")]
    [TestCase("https://evil.example.", "https://evil.example")]
    public void TryNormalise_ValidUrl_ReturnsCanonical(string value, string expected)
    {
        // Act
        var normalised = UrlNormaliser.TryNormalise(value, out var canonical, out _);

        // Assert
        Assert.That(normalised, Is.True);
        Assert.That(canonical, Is.EqualTo(expected));
    }

    [TestCase("https://evil.example/a?b=C")]
    [TestCase("http://1.2.3.4:8000/x.sh")]
    [TestCase("http://user:pw@evil.example/")]
    public void TryNormalise_CanonicalUrl_ReturnsSameInstance(string value)
    {
        // Act
        UrlNormaliser.TryNormalise(value, out var canonical, out _);

        // Assert
        Assert.That(canonical, Is.SameAs(value));
    }

    [TestCase("evil.example/path", "no scheme")]
    [TestCase("ftp://evil.example/x", "only http and https")]
    [TestCase("http://evil example/x", "whitespace")]
    [TestCase("http:///x", "invalid host")]
    [TestCase("http://evil_.example:99999/", "port")]
    [TestCase("http://-bad.example/", "invalid host")]
    [TestCase("http://[zz::1]/", "IPv6")]
    public void TryNormalise_InvalidUrl_ReturnsDetail(string value, string expectedText)
    {
        // Act
        var normalised = UrlNormaliser.TryNormalise(value, out _, out var detail);

        // Assert
        Assert.That(normalised, Is.False);
        Assert.That(detail, Does.Contain(expectedText));
    }
}
