using FeedSync.SentinelEmulator;
using FeedSync.SentinelEmulator.Hosting;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class EmulatorCertificateTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("feedsync-certificate-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task LoadOrCreate_ConcurrentCreators_ShareOneCertificate()
    {
        // Arrange: eight first starts against one state file, released at once.
        var stateFile = Path.Combine(folder, "emulator-state.json");
        using var start = new ManualResetEventSlim();
        var creators = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await EmulatorCertificate.LoadOrCreateAsync(stateFile);
            }))
            .ToList();

        // Act
        start.Set();
        var certificates = await Task.WhenAll(creators);
        using var kept = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(EmulatorCertificate.PfxPathFor(stateFile), password: null);

        // Assert
        Assert.That(certificates.Select(certificate => certificate.Thumbprint).Distinct(), Is.EquivalentTo(new[] { kept.Thumbprint }));
        Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty);
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    [Test]
    public async Task StartAsync_TwoEmulatorsOneStateFile_ServeSameCertificate()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "emulator-state.json");

        // Act
        var starts = await Task.WhenAll(
            Task.Run(() => SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile })),
            Task.Run(() => SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile })));
        await using var first = starts[0];
        await using var second = starts[1];

        // Assert
        Assert.That(second.Certificate.Thumbprint, Is.EqualTo(first.Certificate.Thumbprint));
    }

    [Test]
    public async Task LoadOrCreate_DamagedFile_IsReplaced()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "emulator-state.json");
        await File.WriteAllTextAsync(EmulatorCertificate.PfxPathFor(stateFile), "not a PKCS #12 file");

        // Act
        using var certificate = await EmulatorCertificate.LoadOrCreateAsync(stateFile);
        using var again = await EmulatorCertificate.LoadOrCreateAsync(stateFile);

        // Assert
        Assert.That(certificate.HasPrivateKey, Is.True);
        Assert.That(again.Thumbprint, Is.EqualTo(certificate.Thumbprint));
    }
}
