using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IpEndpointParserTests
{
    [TestCase("124.198.132.98:2414", "124.198.132.98", 2414)]
    [TestCase(" 31.76.93.14:1337 ", "31.76.93.14", 1337)]
    [TestCase("0.0.0.0:1", "0.0.0.0", 1)]
    [TestCase("255.255.255.255:65535", "255.255.255.255", 65535)]
    [TestCase("2a02:cf40:1::5:40669", "2a02:cf40:1::5", 40669)]
    [TestCase("[2a02:cf40:1::5]:40669", "2a02:cf40:1::5", 40669)]
    [TestCase("[2A02:CF40:0001:0000:0000:0000:0000:0005]:443", "2a02:cf40:1::5", 443)]
    [TestCase("[::ffff:124.198.132.98]:2414", "124.198.132.98", 2414)]
    [TestCase("::FFFF:7cc6:8462:2414", "124.198.132.98", 2414)]
    [TestCase("[::ffff:0:7cc6:8462]:2414", "::ffff:0:124.198.132.98", 2414)]
    public void TryParse_ValidEndpoint_ReturnsCanonicalAddressAndPort(string value, string address, int port)
    {
        // Act
        var parsed = IpEndpointParser.TryParse(value, out var canonical, out var parsedPort, out _, out _);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(canonical, Is.EqualTo(address));
        Assert.That(parsedPort, Is.EqualTo(port));
    }

    [TestCase("10.0.0.1", "10.0.0.1")]
    [TestCase("[2001:db8::1]", "2001:db8::1")]
    public void TryParse_WithoutPort_ReturnsAddressOnly(string value, string address)
    {
        // Act
        var parsed = IpEndpointParser.TryParse(value, out var canonical, out var port, out _, out _);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(canonical, Is.EqualTo(address));
        Assert.That(port, Is.Null);
    }

    [TestCase("256.1.1.1:80", "invalid_ip")]
    [TestCase("1.2.3:80", "invalid_ip")]
    [TestCase("1.2.3.4.5:80", "invalid_ip")]
    [TestCase("01.2.3.4:80", "invalid_ip")]
    [TestCase("a.b.c.d:80", "invalid_ip")]
    [TestCase("[2001:db8::zz]:80", "invalid_ip")]
    [TestCase("[2001:db8::1]x80", "invalid_ip")]
    [TestCase("fe80::1%eth0:80", "invalid_ip")]
    [TestCase("1.2.3.4:0", "invalid_port")]
    [TestCase("1.2.3.4:65536", "invalid_port")]
    [TestCase("1.2.3.4:-1", "invalid_port")]
    [TestCase("1.2.3.4:80a", "invalid_port")]
    [TestCase("1.2.3.4:", "invalid_port")]
    [TestCase("[2001:db8::1]:99999", "invalid_port")]
    public void TryParse_InvalidEndpoint_ReturnsReason(string value, string reason)
    {
        // Act
        var parsed = IpEndpointParser.TryParse(value, out _, out _, out var actualReason, out var detail);

        // Assert
        Assert.That(parsed, Is.False);
        Assert.That(actualReason, Is.EqualTo(reason));
        Assert.That(detail, Is.Not.Empty);
    }
}
