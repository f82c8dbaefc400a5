using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.SentinelEmulator;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed partial class EmulatorCommandTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("feedsync-emulator-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Run_WithStateFile_WritesTrustedPem()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "emulator.json");
        using var output = new StringWriter();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = EmulatorCommand.RunAsync(new EmulatorCommandSettings(0, stateFile, null, new SentinelEmulatorOptions()), TextWriter.Synchronized(output), TextWriter.Null, cancellation.Token);
        var baseUri = await WaitForBaseUriAsync(output, run);

        // Act
        var pemPath = Path.Combine(folder, "emulator.pem");
        using var trusted = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(pemPath));
        using var client = EmulatorHttp.CreateClient(baseUri, trusted);
        using var response = await client.GetAsync(EmulatorHttp.WithVersion(EmulatorHttp.WatchlistPath("missing")));
        await cancellation.CancelAsync();
        var exitCode = await run;

        // Assert
        Assert.That(baseUri.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(exitCode, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("Stopping the emulator."));
        Assert.That(File.Exists(stateFile), Is.True);
    }

    [Test]
    public async Task Run_CorruptStateFile_ExitsTwoNamingFix()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "emulator.json");
        await File.WriteAllTextAsync(stateFile, "{ not json");
        using var error = new StringWriter();

        // Act
        var exitCode = await EmulatorCommand.RunAsync(new EmulatorCommandSettings(0, stateFile, null, new SentinelEmulatorOptions()), TextWriter.Null, error, CancellationToken.None);

        // Assert
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain(stateFile));
        Assert.That(error.ToString(), Does.Contain("pass --state with another path"));
        Assert.That(error.ToString(), Does.Not.Contain("   at "));
    }

    [Test]
    public async Task Run_WithCertificateOut_WritesPemThere()
    {
        // Arrange
        var pemPath = Path.Combine(folder, "certs", "arm.pem");
        using var output = new StringWriter();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Act
        var run = EmulatorCommand.RunAsync(new EmulatorCommandSettings(0, null, pemPath, new SentinelEmulatorOptions()), TextWriter.Synchronized(output), TextWriter.Null, cancellation.Token);
        await WaitForBaseUriAsync(output, run);
        await cancellation.CancelAsync();
        await run;

        // Assert
        Assert.That(File.ReadAllText(pemPath), Does.StartWith("-----BEGIN CERTIFICATE-----"));
    }

    [Test]
    public async Task Run_InvalidOption_PrintsErrorAndReturns2()
    {
        // Arrange
        using var error = new StringWriter();
        var options = new SentinelEmulatorOptions { DeleteDuration = TimeSpan.FromSeconds(-5) };

        // Act
        var exitCode = await EmulatorCommand.RunAsync(new EmulatorCommandSettings(0, null, null, options), TextWriter.Null, error, CancellationToken.None);

        // Assert
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("DeleteDuration"));
    }

    private static async Task<Uri> WaitForBaseUriAsync(StringWriter output, Task<int> run)
    {
        for (var attempt = 0; attempt < 200 && !run.IsCompleted; attempt++)
        {
            var match = ListeningLine().Match(output.ToString());
            if (match.Success)
            {
                return new Uri(match.Groups["url"].Value);
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The emulator command printed no base URL. Output: {output}");
        return null!;
    }

    [GeneratedRegex(@"listening on (?<url>https://\S+)")]
    private static partial Regex ListeningLine();
}
