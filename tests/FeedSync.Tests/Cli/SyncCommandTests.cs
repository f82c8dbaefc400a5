using System.CommandLine;
using System.Text.Json;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.Cli.Composition;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Cli;

/// <summary>
/// <c>feedsync sync</c> and <c>feedsync plan</c> run in-process against the local target: the emulator started by
/// the command itself on a loopback port, with its state in a temporary working directory.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class SyncCommandTests
{
    private const string ReplayTime = "2026-05-27T00:00:00Z";

    private string workingDirectory = null!;
    private string samplePath = null!;

    [SetUp]
    public void CreateWorkingDirectory()
    {
        workingDirectory = Directory.CreateTempSubdirectory("feedsync-cli-").FullName;
        samplePath = Path.Combine(SharedData.RepositoryRoot, "samples", "threatfox-remcos.json");
    }

    [TearDown]
    public void DeleteWorkingDirectory() => Directory.Delete(workingDirectory, recursive: true);

    [Test]
    public async Task Plan_AfterSync_PlansNoChange()
    {
        // Arrange
        var first = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime, "--output", "json");

        // Act
        var second = await RunAsync(PlanCommand.Create, "--source", samplePath, "--as-of", ReplayTime, "--output", "json");

        // Assert
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.Error);
        Assert.That(IpWatchlist(first.Json).GetProperty("added").GetInt32(), Is.EqualTo(3));
        Assert.That(File.Exists(Path.Combine(workingDirectory, ".feedsync", "emulator-state.json")), Is.True);
        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.Error);
        Assert.That(second.Json.GetProperty("dryRun").GetBoolean(), Is.True);
        Assert.That(IpWatchlist(second.Json).GetProperty("unchanged").GetInt32(), Is.EqualTo(3));
        Assert.That(IpWatchlist(second.Json).GetProperty("added").GetInt32(), Is.Zero);
        Assert.That(second.Json.GetProperty("arm").GetProperty("writes").GetInt64(), Is.Zero);
        Assert.That(second.Json.GetProperty("changes").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Sync_SameSampleTwice_SecondWritesNothing()
    {
        // Arrange: the first run writes the watchlist and publishes the hunting queries.
        var first = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime, "--output", "json");

        // Act
        var second = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime, "--output", "json");

        // Assert
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.Error);
        Assert.That(first.Json.GetProperty("hunting").GetProperty("created").GetInt32(), Is.GreaterThan(0));
        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.Error);
        Assert.That(second.Json.GetProperty("arm").GetProperty("writes").GetInt64(), Is.Zero);
        Assert.That(second.Json.GetProperty("arm").GetProperty("deletes").GetInt64(), Is.Zero);
        Assert.That(second.Json.GetProperty("hunting").GetProperty("unchanged").GetInt32(), Is.EqualTo(first.Json.GetProperty("hunting").GetProperty("created").GetInt32()));
    }

    [Test]
    public async Task Sync_TextOutput_PrintsSummary()
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.Contain("3 records, 3 accepted, 0 rejected, 3 indicators"));
        Assert.That(result.Output, Does.Match(@"ThreatFox-IP\s+3\s+0\s+0\s+0\s+0\s+\(new watchlist\)"));
        Assert.That(result.Output, Does.Contain("local emulator at https://127.0.0.1:"));
        Assert.That(result.Output, Does.Match(@"Hunting queries: \d+ created, 0 updated, 0 removed, 0 unchanged"));
        Assert.That(result.Error, Does.Contain("Applying changes..."));
    }

    [Test]
    public async Task Sync_ExpiredSample_ReportsSkipped()
    {
        // Act: the sample's indicators were last active on 2026-05-26, long before this as-of time.
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", "2026-12-01T00:00:00Z");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.Contain("Skipped 3 indicators for ThreatFox-IP: their last activity is older than the 30-day retention as of 2026-12-01T00:00:00Z."));
    }

    [Test]
    public async Task Sync_RemovalAboveThreshold_ExitsOneUnlessForced()
    {
        // Arrange: load the sample, then evaluate expiry after the 30-day IP retention.
        await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime);

        // Act
        var stopped = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", "2026-07-01T00:00:00Z", "--output", "json");
        var forced = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", "2026-07-01T00:00:00Z", "--output", "json", "--force");

        // Assert
        Assert.That(stopped.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(stopped.Json.GetProperty("outcome").GetString(), Is.EqualTo("stopped"));
        Assert.That(stopped.Json.GetProperty("arm").GetProperty("deletes").GetInt64(), Is.Zero);
        Assert.That(forced.ExitCode, Is.EqualTo(ExitCodes.Success), forced.Error);
        Assert.That(IpWatchlist(forced.Json).GetProperty("removed").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Sync_MissingSource_ExitsOne()
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", Path.Combine(workingDirectory, "missing.json"), "--output", "json");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(result.Json.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(result.Json.GetProperty("reason").GetString(), Does.Contain("missing.json"));
    }

    [TestCase("--as-of", "yesterday", "'yesterday' is not a valid value for --as-of: expected an ISO 8601 date and time")]
    [TestCase("--days", "9", "'9' is not a valid value for --days: expected a whole number from 1 to 7.")]
    [TestCase("--max-age", "-3", "'-3' is not a valid value for --max-age: expected a positive age")]
    public async Task Sync_InvalidOption_ExitsTwo(string option, string value, string expected)
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, option, value);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain(expected));
    }

    [Test]
    public async Task Sync_LocalTargetWithArmEndpoint_ExitsTwo()
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--target", "local", "--arm-endpoint", "https://127.0.0.1:9/");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FeedSync:Sentinel:ArmEndpoint"));
    }

    [Test]
    public async Task Sync_SentinelWithoutSettings_ExitsTwo()
    {
        // Act: validation runs before any client or credential is created.
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--target", "sentinel");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FeedSync:Sentinel:SubscriptionId"));
        Assert.That(result.Error, Does.Contain("FeedSync:Sentinel:WorkspaceName"));
    }

    [Test]
    public async Task Sync_ArmEndpointOfRunningEmulator_SyncsThere()
    {
        // Arrange: an emulator started apart from the command, as 'feedsync emulator' would run it.
        await using var emulator = await SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulator.SentinelEmulatorOptions());
        var certificate = Path.Combine(workingDirectory, "emulator.pem");
        await File.WriteAllTextAsync(certificate, emulator.Certificate.ExportCertificatePem());

        // Act
        var result = await RunAsync(SyncCommand.Create,
            "--source", samplePath, "--as-of", ReplayTime, "--output", "json",
            "--arm-endpoint", emulator.BaseUri.ToString(), "--arm-certificate", certificate);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(IpWatchlist(result.Json).GetProperty("added").GetInt32(), Is.EqualTo(3));
        Assert.That(emulator.Statistics.Writes, Is.GreaterThan(0));
        Assert.That(Directory.Exists(Path.Combine(workingDirectory, ".feedsync")), Is.False);
    }

    [Test]
    public async Task Plan_WrongResourceGroup_FailsWhileReading()
    {
        // Arrange
        await using var emulator = await SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulator.SentinelEmulatorOptions());
        var certificate = Path.Combine(workingDirectory, "emulator.pem");
        await File.WriteAllTextAsync(certificate, emulator.Certificate.ExportCertificatePem());
        var workspace = SentinelEmulator.EmulatorWorkspace.Default;

        // Act
        var result = await RunAsync(SyncCommand.Create,
            "--source", samplePath, "--as-of", ReplayTime, "--output", "json",
            "--arm-endpoint", emulator.BaseUri.ToString(), "--arm-certificate", certificate,
            "--subscription-id", workspace.SubscriptionId, "--resource-group", "nope", "--workspace-name", workspace.WorkspaceName);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.Error);
        Assert.That(result.Json.GetProperty("reason").GetString(), Does.Contain("Reading the watchlists failed"));
        Assert.That(result.Json.GetProperty("reason").GetString(), Does.Contain("FeedSync:Sentinel:ResourceGroup"));
        Assert.That(emulator.Statistics.Writes, Is.Zero);
    }

    [Test]
    public async Task Sync_CancelledWhileWriting_ReportsWrittenAndExits130()
    {
        // Arrange: slow writes one item at a time, so that the run is cancelled between its first and last write.
        await using var emulator = await SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulator.SentinelEmulatorOptions());
        var certificate = Path.Combine(workingDirectory, "emulator.pem");
        await File.WriteAllTextAsync(certificate, emulator.Certificate.ExportCertificatePem());
        var settings = new Dictionary<string, string?> { ["FeedSync:Sync:BulkAddThreshold"] = "100000", ["FeedSync:Sync:MaxParallelWrites"] = "1" };
        using var interrupt = new CancellationTokenSource();

        // Act
        var run = RunAsync(SyncCommand.Create, settings, interrupt.Token,
            "--source", samplePath, "--as-of", ReplayTime, "--output", "json",
            "--arm-endpoint", emulator.BaseUri.ToString(), "--arm-certificate", certificate);
        await WaitForFirstWriteAsync(emulator, run);
        emulator.Faults.AddedLatency = TimeSpan.FromMilliseconds(500);
        await interrupt.CancelAsync();
        var result = await run;

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.Error);
        Assert.That(result.Json.GetProperty("outcome").GetString(), Is.EqualTo("cancelled"));
        Assert.That(result.Json.GetProperty("arm").GetProperty("writes").GetInt64(), Is.GreaterThan(0));
        Assert.That(result.Json.GetProperty("reason").GetString(), Does.Contain("Run the same command again"));
    }

    [Test]
    public async Task Plan_CancelledBeforeStart_PrintsNothingChanged()
    {
        // Arrange
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        // Act
        var result = await RunAsync(PlanCommand.Create, null, interrupt.Token, "--source", samplePath, "--as-of", ReplayTime);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.Error);
        Assert.That(result.Output, Does.Contain("nothing was changed"));
    }

    [Test]
    public async Task Sync_EmulatorCertificateNotTrusted_ExitsTwo()
    {
        // Arrange: the emulator's self-signed certificate, without --arm-certificate to trust it.
        await using var emulator = await SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulator.SentinelEmulatorOptions());

        // Act
        var result = await RunAsync(SyncCommand.Create,
            "--source", samplePath, "--as-of", ReplayTime, "--output", "json",
            "--arm-endpoint", emulator.BaseUri.ToString());

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(result.Json.GetProperty("reason").GetString(), Does.Contain("--arm-certificate"));
        Assert.That(result.Json.GetProperty("arm").GetProperty("retries").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Sync_ThreatFoxWithoutApiKey_ExitsTwo()
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["FeedSync:ThreatFox:ApiKey"] = string.Empty };

        // Act
        var result = await RunAsync(SyncCommand.Create, settings, "--source", "threatfox");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FeedSync:ThreatFox:ApiKey"));
        Assert.That(Directory.Exists(Path.Combine(workingDirectory, ".feedsync")), Is.False);
    }

    [Test]
    public async Task Sync_InvalidSyncSetting_ExitsTwo()
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["FeedSync:Sync:RemovalThresholdPercent"] = "500" };

        // Act
        var result = await RunAsync(SyncCommand.Create, settings, "--source", samplePath);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FeedSync:Sync:RemovalThresholdPercent 500"));
    }

    [Test]
    public async Task Sync_SettingsFileNamesWorkspace_TargetsSentinel()
    {
        // Arrange: an invalid workspace in appsettings.json proves the file was read and chose the target.
        await File.WriteAllTextAsync(Path.Combine(workingDirectory, "appsettings.json"),
            """{ "FeedSync": { "Sentinel": { "SubscriptionId": "not-a-guid", "ResourceGroup": "rg", "WorkspaceName": "ws" } } }""");

        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FeedSync:Sentinel:SubscriptionId is 'not-a-guid'"));
        Assert.That(Directory.Exists(Path.Combine(workingDirectory, ".feedsync")), Is.False);
    }

    [Test]
    public async Task Sync_UsageErrorJson_PrintsErrorDocument()
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--target", "local", "--arm-endpoint", "https://127.0.0.1:9/", "--output", "json");
        var error = result.Json.GetProperty("error");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("usage_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("FeedSync:Sentinel:ArmEndpoint"));
    }

    [Test]
    public async Task Plan_InvalidSettingJson_PrintsErrorDocument()
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["FeedSync:Sync:RemovalThresholdPercent"] = "500" };

        // Act
        var result = await RunAsync(PlanCommand.Create, settings, "--source", samplePath, "--output", "json");
        var error = result.Json.GetProperty("error");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("configuration_error"));
        Assert.That(error.GetProperty("details").EnumerateArray().Select(detail => detail.GetString()), Has.Some.Contain("FeedSync:Sync:RemovalThresholdPercent 500"));
    }

    [TestCase("FeedSync:Ingestion:ThreatTypes:0", "nope", "FeedSync:Ingestion:ThreatTypes:0 is 'nope'")]
    [TestCase("FeedSync:Ingestion:Kinds:0", "ipv9", "FeedSync:Ingestion:Kinds:0 is 'ipv9'")]
    [TestCase("FeedSync:Ingestion:MinConfidence", "500", "MinConfidence")]
    [TestCase("FeedSync:Sync:RemovalThresholdPercent", "lots", "'lots' at 'FeedSync:Sync:RemovalThresholdPercent'")]
    public async Task Sync_InvalidSetting_ExitsTwoBeforeStart(string key, string value, string expected)
    {
        // Act
        var result = await RunAsync(SyncCommand.Create, new Dictionary<string, string?> { [key] = value }, "--source", samplePath);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(workingDirectory, ".feedsync")), Is.False);
    }

    [Test]
    public async Task Sync_MalformedSettingsFile_ExitsTwoWithLocation()
    {
        // Arrange: the object is never closed, so the parser fails at the start of line 2.
        var settingsFile = Path.Combine(workingDirectory, "feedsync.json");
        await File.WriteAllTextAsync(settingsFile, "{\"FeedSync\": {\"Ingestion\": {\n");

        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--output", "json");
        var error = result.Json.GetProperty("error");

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("configuration_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(settingsFile));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("line 2, position 1"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task Sync_CorruptEmulatorState_ExitsTwoNamingFile()
    {
        // Arrange
        var stateFile = Path.Combine(workingDirectory, ".feedsync", "emulator-state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
        await File.WriteAllTextAsync(stateFile, "{ not json");

        // Act
        var result = await RunAsync(SyncCommand.Create, "--source", samplePath, "--as-of", ReplayTime);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain(stateFile));
        Assert.That(result.Error, Does.Contain("delete it to start from an empty workspace"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    /// <summary>Waits until the emulator has served a write, failing when the run ends first or after 30 seconds.</summary>
    private static async Task WaitForFirstWriteAsync(SentinelEmulator.SentinelEmulator emulator, Task run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        emulator.Faults.AddedLatency = TimeSpan.FromMilliseconds(200);
        while (emulator.Statistics.Writes == 0)
        {
            Assert.That(run.IsCompleted, Is.False, "The run ended before its first write.");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "No write within 30 seconds.");
            await Task.Delay(10);
        }
    }

    private static JsonElement IpWatchlist(JsonElement report) =>
        report.GetProperty("watchlists").EnumerateArray().Single(watchlist => watchlist.GetProperty("alias").GetString() == "ThreatFox-IP");

    private Task<CommandResult> RunAsync(Func<CliContext?, Command> create, params string[] args) =>
        RunAsync(create, settings: null, args);

    private Task<CommandResult> RunAsync(Func<CliContext?, Command> create, IReadOnlyDictionary<string, string?>? settings, params string[] args) =>
        RunAsync(create, settings, CancellationToken.None, args);

    private async Task<CommandResult> RunAsync(
        Func<CliContext?, Command> create,
        IReadOnlyDictionary<string, string?>? settings,
        CancellationToken cancellationToken,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext { WorkingDirectory = workingDirectory, Out = output, Error = error, Settings = settings };

        var exitCode = await CliRunner.InvokeAsync(create(context), args, new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CommandResult(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }
}
