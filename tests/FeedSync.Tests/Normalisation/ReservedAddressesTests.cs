using FeedSync.Normalisation;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class ReservedAddressesTests
{
    [TestCase("0.0.0.0", "unspecified")]
    [TestCase("0.255.1.2", "unspecified")]
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("127.255.255.254", "loopback")]
    [TestCase("169.254.169.254", "link-local")]
    [TestCase("224.0.0.1", "multicast")]
    [TestCase("239.255.255.250", "multicast")]
    [TestCase("240.0.0.1", "reserved")]
    [TestCase("255.255.255.255", "broadcast")]
    [TestCase("::", "unspecified")]
    [TestCase("::1", "loopback")]
    [TestCase("fe80::1", "link-local")]
    [TestCase("febf::1", "link-local")]
    [TestCase("ff02::1", "multicast")]
    public void Describe_ReservedAddress_NamesItsKind(string address, string kind)
    {
        // Act
        var description = ReservedAddresses.Describe(address);

        // Assert
        Assert.That(description, Does.Contain(kind));
    }

    [TestCase("1.0.0.1")]
    [TestCase("10.0.0.1")]
    [TestCase("126.255.255.255")]
    [TestCase("128.0.0.1")]
    [TestCase("169.253.1.1")]
    [TestCase("169.255.1.1")]
    [TestCase("192.168.1.1")]
    [TestCase("223.255.255.255")]
    [TestCase("2a02:cf40:1::5")]
    [TestCase("fec0::1")]
    [TestCase("fc00::1")]
    public void Describe_RoutableOrPrivateAddress_ReturnsNull(string address)
    {
        // Act
        var description = ReservedAddresses.Describe(address);

        // Assert
        Assert.That(description, Is.Null);
    }
}
