using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FeedSync.SentinelEmulator.Hosting;

/// <summary>
/// Makes the emulator's self-signed TLS certificate for 127.0.0.1 and localhost, or reuses the one kept beside
/// the state file so that a trusted PEM stays valid across restarts.
/// </summary>
/// <remarks>
/// Emulators that start at the same time with the same state file, such as two first local syncs in one folder,
/// get the same certificate. The creator holds an exclusive lock file (the certificate's path with <c>.lock</c>) and
/// checks again for a certificate once it has the lock. The certificate file is replaced by an atomic rename, so a
/// reader finds either no file or a whole one.
/// </remarks>
internal static class EmulatorCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    /// <summary>How long a start waits for another process that is creating the same certificate.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Loads the certificate kept beside <paramref name="stateFile"/>, or creates one and keeps it there. Without a
    /// state file, creates a certificate for this run only.
    /// </summary>
    /// <remarks>
    /// Validity follows the wall clock, not the emulator's <see cref="TimeProvider"/>, because TLS clients check
    /// it against their own clock.
    /// </remarks>
    /// <exception cref="IOException">Another process held the lock file for more than 30 seconds while creating the certificate.</exception>
    public static async Task<X509Certificate2> LoadOrCreateAsync(string? stateFile, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        if (stateFile is null)
        {
            return Create(now);
        }

        var pfxPath = PfxPathFor(stateFile);
        var existing = TryLoadValid(pfxPath, now);
        if (existing is not null)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pfxPath)!);
        await using (await AcquireCreationLockAsync(pfxPath + ".lock", cancellationToken))
        {
            // Another emulator may have created the certificate while this one waited for the lock.
            existing = TryLoadValid(pfxPath, now);
            if (existing is not null)
            {
                return existing;
            }

            var created = Create(now);
            Save(created, pfxPath);
            return created;
        }
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

    /// <summary>
    /// Returns the certificate at <paramref name="pfxPath"/> when it exists, can be read and stays valid for more than a
    /// day; otherwise null, so that a new one replaces it.
    /// </summary>
    private static X509Certificate2? TryLoadValid(string pfxPath, DateTimeOffset now)
    {
        if (!File.Exists(pfxPath))
        {
            return null;
        }

        X509Certificate2 existing;
        try
        {
            existing = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
        }
        catch (CryptographicException)
        {
            // A damaged file is replaced like an expired one, because it only ever contains the emulator's own certificate.
            return null;
        }

        if (existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
        {
            return existing;
        }

        existing.Dispose();
        return null;
    }

    /// <summary>
    /// Opens <paramref name="lockPath"/> exclusively, waiting while another process or another start in this process
    /// has it open. The lock file is never deleted, because deleting it while another start waits to open it would let
    /// two starts lock two different files under the same name.
    /// </summary>
    private static async Task<FileStream> AcquireCreationLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException exception) when (IsLockConflict(exception) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(LockRetryDelay, cancellationToken);
            }
            catch (IOException exception) when (IsLockConflict(exception))
            {
                throw new IOException($"Another process has held '{lockPath}' for more than {LockTimeout.TotalSeconds:0} seconds while creating the emulator certificate. Stop the other emulator, or use another state file.", exception);
            }
        }
    }

    /// <summary>
    /// Returns whether opening failed because another handle holds the file: on Linux and macOS .NET reports the
    /// <c>flock</c> errno EWOULDBLOCK (11 and 35) as the HResult, on Windows the sharing or lock violation HResult.
    /// </summary>
    private static bool IsLockConflict(IOException exception) =>
        exception.HResult is 11 or 35 or SharingViolation or LockViolation;

    /// <summary>Writes the certificate to a temporary file of its own and renames it over <paramref name="pfxPath"/>.</summary>
    private static void Save(X509Certificate2 certificate, string pfxPath)
    {
        var temporary = $"{pfxPath}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, pfxPath, overwrite: true);
    }
}
