using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class TrustedCertificateValidatorTests
{
    private static readonly Uri Emulator = new("https://127.0.0.1:5443/");

    [Test]
    public void PinnedCertificate_OnTrustedEndpoint_IsAccepted()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        var validator = new TrustedCertificateValidator(pinned, [Emulator]);

        var accepted = validator.Validate(new Uri("https://127.0.0.1:5443/subscriptions"), pinned, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.That(accepted, Is.True);
    }

    [Test]
    public void PinnedCertificate_OnOtherHostOrPort_IsRejected()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        var validator = new TrustedCertificateValidator(pinned, [Emulator]);

        var otherHost = validator.Validate(new Uri("https://management.azure.com/"), pinned, SslPolicyErrors.RemoteCertificateChainErrors);
        var otherPort = validator.Validate(new Uri("https://127.0.0.1:6443/"), pinned, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.That(otherHost, Is.False);
        Assert.That(otherPort, Is.False);
    }

    [Test]
    public void OtherCertificate_OnTrustedEndpoint_IsRejected()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        using var other = CreateSelfSigned("CN=127.0.0.1");
        var validator = new TrustedCertificateValidator(pinned, [Emulator]);

        var accepted = validator.Validate(Emulator, other, SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.That(accepted, Is.False);
    }

    [Test]
    public void DefaultValidationPassed_IsAcceptedAnywhere()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        using var other = CreateSelfSigned("CN=example");
        var validator = new TrustedCertificateValidator(pinned, [Emulator]);

        var accepted = validator.Validate(new Uri("https://management.azure.com/"), other, SslPolicyErrors.None);

        Assert.That(accepted, Is.True);
    }

    [Test]
    public void ClientOptions_CertificateWithoutOverride_IsRejected()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        var options = new SentinelClientOptions { TrustedServerCertificate = pinned };

        var exception = Assert.Throws<ArgumentException>(() => new SentinelClient(SentinelTestClient.Workspace, new SentinelTestClient.StaticTokenCredential(), options));

        Assert.That(exception!.Message, Does.Contain("TrustedServerCertificate"));
    }

    [Test]
    public void ClientOptions_CertificateWithOverride_ReplacesDefaultTransport()
    {
        using var pinned = CreateSelfSigned("CN=127.0.0.1");
        var options = new SentinelClientOptions { TrustedServerCertificate = pinned, ArmEndpoint = Emulator };

        _ = new SentinelClient(SentinelTestClient.Workspace, new SentinelTestClient.StaticTokenCredential(), options);

        Assert.That(options.Transport, Is.Not.SameAs(HttpClientTransport.Shared));
    }

    [Test]
    public void ClientOptions_PlainHttpEndpoint_IsRejected()
    {
        var options = new SentinelClientOptions { ArmEndpoint = new Uri("http://127.0.0.1:5080/") };

        var exception = Assert.Throws<ArgumentException>(() => new SentinelClient(SentinelTestClient.Workspace, new SentinelTestClient.StaticTokenCredential(), options));

        Assert.That(exception!.Message, Does.Contain("https"));
    }

    internal static X509Certificate2 CreateSelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
