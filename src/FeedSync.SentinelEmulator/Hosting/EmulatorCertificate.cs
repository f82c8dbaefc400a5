using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FeedSync.SentinelEmulator.Hosting;

/// <summary>
/// Makes the emulator's self-signed TLS certificate for 127.0.0.1 and localhost, or reuses the one kept beside
/// the state file so that a trusted PEM stays valid across restarts.
/// </summary>
internal static class EmulatorCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <remarks>
    /// Validity follows the wall clock, not the emulator's <see cref="TimeProvider"/>, because TLS clients check
    /// it against their own clock.
    /// </remarks>
    public static X509Certificate2 LoadOrCreate(string? stateFile)
    {
        var pfxPath = stateFile is null ? null : PfxPathFor(stateFile);
        var now = DateTimeOffset.UtcNow;
        if (pfxPath is not null && File.Exists(pfxPath))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
            if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
            {
                return existing;
            }

            existing.Dispose();
        }

        var created = Create(now);
        if (pfxPath is not null)
        {
            Save(created, pfxPath);
        }

        return created;
    }

    /// <summary>Returns where the certificate of a state file is kept: the same path with the extension <c>.pfx</c>.</summary>
    public static string PfxPathFor(string stateFile) => Path.ChangeExtension(Path.GetFullPath(stateFile), ".pfx");

    /// <summary>Writes the public certificate as PEM, for clients that must trust it.</summary>
    public static void WritePublicPem(X509Certificate2 certificate, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, certificate.ExportCertificatePem() + Environment.NewLine);
    }

    private static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=FeedSync Sentinel emulator", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], false));

        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        // Round-trip through PKCS #12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    private static void Save(X509Certificate2 certificate, string pfxPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pfxPath)!);
        var temporary = pfxPath + ".tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, pfxPath, overwrite: true);
    }
}
