using FeedSync.Sentinel;
using FeedSync.Tests.Sentinel.Contract;

namespace FeedSync.Tests.Sentinel;

/// <summary>
/// A client that does not trust the emulator's self-signed certificate: the TLS handshake fails on
/// every attempt, so retrying cannot help and the error must name the setting that fixes it.
/// </summary>
[TestFixture]
internal sealed class UntrustedCertificateTests
{
    [Test]
    public async Task UntrustedCertificate_Read_FailsWithoutRetries()
    {
        // Arrange
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = CreateUntrustingClient(fixture);

        // Act
        var exception = await Assert.ThrowsAsync<SentinelRequestException>(
            () => client.GetWatchlistClient().GetWatchlistIfExistsAsync("FeedSyncIp"));

        // Assert
        var counts = client.GetCallCounts();
        Assert.That(exception!.Retries, Is.Zero);
        Assert.That(counts.Retries, Is.Zero);
        Assert.That(counts.Reads, Is.EqualTo(1));
        Assert.That(exception.ErrorCode, Is.EqualTo("CertificateNotTrusted"));
    }

    [Test]
    public async Task UntrustedCertificate_Message_NamesEndpointAndFix()
    {
        // Arrange
        await using var fixture = await EmulatorFixture.StartAsync();
        var client = CreateUntrustingClient(fixture);
        var authority = fixture.Emulator.BaseUri.GetLeftPart(UriPartial.Authority);

        // Act
        var exception = await Assert.ThrowsAsync<SentinelRequestException>(
            () => client.GetWatchlistClient().GetWatchlistIfExistsAsync("FeedSyncIp"));

        // Assert
        Assert.That(exception!.Message, Does.Contain($"server certificate of {authority} is not trusted"));
        Assert.That(exception.Message, Does.Contain("FeedSync:Sentinel:TrustedCertificatePath"));
        Assert.That(exception.Message, Does.Contain("--arm-certificate"));
        Assert.That(exception.Message, Does.Contain("trusted root"));
        Assert.That(exception.Message, Does.Not.Contain("Retry.MaxRetries"));
    }

    private static SentinelClient CreateUntrustingClient(EmulatorFixture fixture)
    {
        var options = fixture.ClientOptions(maxRetries: 3);
        options.TrustedServerCertificate = null;
        return fixture.CreateClient(options);
    }
}
