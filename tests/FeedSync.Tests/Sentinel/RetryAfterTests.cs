using System.Globalization;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-06-01T12:00:00Z", CultureInfo.InvariantCulture);

    [TestCase("Retry-After", "17", 17000)]
    [TestCase("Retry-After", "0", 0)]
    [TestCase("retry-after-ms", "250", 250)]
    [TestCase("x-ms-retry-after-ms", "1200", 1200)]
    [TestCase("Retry-After", "Sun, 01 Jun 2025 12:00:30 GMT", 30000)]
    [TestCase("Retry-After", "Sun, 01 Jun 2025 11:00:00 GMT", 0)]
    public void Parse_KnownHeader_ReturnsWait(string header, string value, int expectedMilliseconds)
    {
        var response = new ServiceResponse(429, [new(header, value)], BinaryData.Empty);

        var wait = RetryAfter.Parse(response, Now);

        Assert.That(wait, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMilliseconds)));
    }

    [TestCase("soon")]
    [TestCase("-5")]
    public void Parse_InvalidValue_ReturnsNull(string value)
    {
        var response = new ServiceResponse(429, [new("Retry-After", value)], BinaryData.Empty);

        Assert.That(RetryAfter.Parse(response, Now), Is.Null);
    }

    [Test]
    public void Parse_MillisecondsHeader_WinsOverSeconds()
    {
        var response = new ServiceResponse(429, [new("Retry-After", "10"), new("retry-after-ms", "100")], BinaryData.Empty);

        Assert.That(RetryAfter.Parse(response, Now), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void Clouds_HaveDistinctEndpointsAndScopes()
    {
        Assert.That(SentinelCloud.AzurePublicCloud.ArmEndpoint, Is.EqualTo(new Uri("https://management.azure.com/")));
        Assert.That(SentinelCloud.AzurePublicCloud.LogAnalyticsTokenScope, Is.EqualTo("https://api.loganalytics.io/.default"));
        Assert.That(SentinelCloud.AzureUSGovernment.ArmTokenScope, Is.EqualTo("https://management.usgovcloudapi.net/.default"));
        Assert.That(SentinelCloud.AzureUSGovernment.LogAnalyticsEndpoint, Is.EqualTo(new Uri("https://api.loganalytics.us/")));
        Assert.That(SentinelCloud.AzureChina.ArmEndpoint, Is.EqualTo(new Uri("https://management.chinacloudapi.cn/")));
        Assert.That(SentinelCloud.AzureChina.LogAnalyticsEndpoint, Is.EqualTo(new Uri("https://api.loganalytics.azure.cn/")));
        Assert.That(SentinelCloud.FindByName("azurechina"), Is.SameAs(SentinelCloud.AzureChina));
        Assert.That(SentinelCloud.FindByName("Mars"), Is.Null);
    }
}
