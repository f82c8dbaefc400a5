using System.CommandLine;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.Cli.Composition;

namespace FeedSync.Tests.Cli;

/// <summary>
/// Every option value that does not parse fails with exit code 2 and one plain message that names the value, the
/// option and what is expected, never a .NET type name.
/// </summary>
[TestFixture]
internal sealed class OptionParsingTests
{
    private const int NotRunExitCode = 99;

    private static readonly string[] CommandNames = ["ingest", "sync", "plan", "render", "emulator"];

    [TestCaseSource(nameof(TypedOptions))]
    public async Task TypedOption_InvalidValue_ExitsTwoWithPlainMessage(string commandName, string optionName)
    {
        // Act
        var run = await ParseAsync(commandName, optionName, "not-a-value");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain($"'not-a-value' is not a valid value for {optionName}: expected "));
        Assert.That(run.Error, Does.Not.Contain("System."));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCase("ingest", "--min-confidence", "x", "expected a whole number from 0 to 100.")]
    [TestCase("ingest", "--min-confidence", "99999999999999999999", "expected a whole number from 0 to 100.")]
    [TestCase("ingest", "--min-confidence", "-1", "expected a whole number from 0 to 100.")]
    [TestCase("ingest", "--min-confidence", "7.5", "expected a whole number from 0 to 100.")]
    [TestCase("ingest", "--days", "0", "expected a whole number from 1 to 7.")]
    [TestCase("ingest", "--days", "", "expected a whole number from 1 to 7.")]
    [TestCase("ingest", "--as-of", "yesterday", "expected an ISO 8601 date and time")]
    [TestCase("ingest", "--as-of", "5/27/2026", "expected an ISO 8601 date and time")]
    [TestCase("ingest", "--as-of", "2026-13-01", "expected an ISO 8601 date and time")]
    [TestCase("ingest", "--as-of", "", "expected an ISO 8601 date and time")]
    [TestCase("ingest", "--max-age", "0d", "expected a positive age")]
    [TestCase("ingest", "--max-age", "99999999999d", "expected a positive age")]
    [TestCase("ingest", "--max-age", "NaNd", "expected a positive age")]
    [TestCase("ingest", "--kind", "", "expected one of ip, domain, url, md5, sha1, sha256, sha3_384.")]
    [TestCase("ingest", "--kind", "ip,nope", "'nope' is not a valid value for --kind")]
    [TestCase("ingest", "--threat-type", "nope", "'nope' is not a valid value for --threat-type: expected one of botnet_cc, cc_skimming, payload, payload_delivery.")]
    [TestCase("ingest", "--source", "", "expected the path of a ThreatFox file, or 'threatfox' for the live API.")]
    [TestCase("ingest", "--kind", ",", "',' is not a valid value for --kind")]
    [TestCase("ingest", "--family", "", "'' is not a valid value for --family: expected a malware family id, name or alias.")]
    [TestCase("ingest", "--output", "xml", "'xml' is not a valid value for --output: expected one of text, json.")]
    [TestCase("sync", "--target", "nope", "'nope' is not a valid value for --target: expected one of local, sentinel.")]
    [TestCase("render", "--format", "pdf", "'pdf' is not a valid value for --format: expected one of markdown, yaml, kql.")]
    [TestCase("render", "--style", "", "'' is not a valid value for --style: expected one of watchlist, inline.")]
    [TestCase("sync", "--threat-type", "botnet_cc,nope", "'nope' is not a valid value for --threat-type")]
    [TestCase("plan", "--min-confidence", "high", "'high' is not a valid value for --min-confidence: expected a whole number from 0 to 100.")]
    [TestCase("emulator", "--port", "99999", "'99999' is not a valid value for --port: expected a whole number from 0 to 65535 (0 picks a free port).")]
    [TestCase("emulator", "--port", "-1", "expected a whole number from 0 to 65535")]
    [TestCase("emulator", "--fault-throttle-rate", "1.5", "expected a number from 0 to 1.")]
    [TestCase("emulator", "--fault-latency", "NaN", "expected a number of milliseconds from 0 to 3600000.")]
    [TestCase("emulator", "--delete-duration", "-1", "expected a number of seconds from 0 to 86400.")]
    [TestCase("emulator", "--upload-duration", "1e308", "expected a number of seconds from 0 to 86400.")]
    [TestCase("emulator", "--fault-drop-after-writes", "-1", "expected a whole number of 0 or more.")]
    [TestCase("emulator", "--state", "", "'' is not a valid value for --state: expected a file path.")]
    public async Task Option_InvalidValue_NamesValueAndExpectation(string commandName, string optionName, string value, string expected)
    {
        // Act
        var run = await ParseAsync(commandName, optionName, value);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(run.Error, Does.Contain($"Run 'feedsync {commandName} --help' to see the options."));
    }

    [TestCase("2026-05-27", "2026-05-27T00:00:00.0000000+00:00")]
    [TestCase("2026-05-27T14:04:00", "2026-05-27T14:04:00.0000000+00:00")]
    [TestCase("2026-05-27T14:04:00Z", "2026-05-27T14:04:00.0000000+00:00")]
    [TestCase("2026-05-27T14:04:00+02:00", "2026-05-27T14:04:00.0000000+02:00")]
    [TestCase("2026-05-27 14:04", "2026-05-27T14:04:00.0000000+00:00")]
    public void TryParseIso8601_Forms_ReadAsUtcUnlessOffset(string text, string expected)
    {
        // Act
        var parsed = OptionValues.TryParseIso8601(text, out var time);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(time.ToString("o", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [TestCase("7d", 7 * 24)]
    [TestCase("30m", 0.5)]
    [TestCase("36500d", 36500 * 24)]
    public void TryParseAge_Forms_ReturnSpan(string text, double hours)
    {
        // Act
        var parsed = OptionValues.TryParseAge(text, out var age);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(age, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    [Test]
    public async Task ParseError_JsonOutput_PrintsErrorDocument()
    {
        // Act
        var run = await ParseAsync("plan", "--min-confidence", "x", "--output", "json");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.JsonError.GetProperty("code").GetString(), Is.EqualTo(CliError.UsageCode));
        Assert.That(run.JsonError.GetProperty("message").GetString(), Is.EqualTo("'x' is not a valid value for --min-confidence: expected a whole number from 0 to 100."));
    }

    [TestCase("--output", "JSON", "json")]
    [TestCase("--format", "KQL", "kql")]
    public void ChoiceOption_OtherCase_ReadsAsListed(string optionName, string value, string expected)
    {
        // Arrange
        var command = Create(optionName == "--format" ? "render" : "ingest");
        var option = (Option<string>)command.Options.Single(candidate => candidate.Name == optionName);

        // Act
        var parseResult = command.Parse(["--source", "feed.json", "--family", "win.remcos", optionName, value]);

        // Assert
        Assert.That(parseResult.GetValue(option), Is.EqualTo(expected));
    }

    [Test]
    public async Task ParseErrors_Several_ListedEach()
    {
        // Act
        var run = await ParseAsync("emulator", "--port", "x", "--fault-seed", "y");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("The command line has 2 errors."));
        Assert.That(run.Error, Does.Contain("'x' is not a valid value for --port"));
        Assert.That(run.Error, Does.Contain("'y' is not a valid value for --fault-seed: expected a whole number."));
    }

    private static IEnumerable<TestCaseData> TypedOptions()
    {
        foreach (var name in CommandNames)
        {
            foreach (var option in Create(name).Options)
            {
                // Any text is a valid string or file path, and a flag takes no value.
                if (option.ValueType != typeof(string) && option.ValueType != typeof(string[]) && option.ValueType != typeof(bool) && option.ValueType != typeof(FileInfo))
                {
                    yield return new TestCaseData(name, option.Name);
                }
            }
        }
    }

    private static Task<CliResult> ParseAsync(string commandName, params string[] args)
    {
        string[] required = commandName switch
        {
            "ingest" when !args.Contains("--source") => ["--source", "feed.json"],
            "render" => ["--family", "win.remcos"],
            _ => [],
        };

        // The command must not run, which would read a feed or start an emulator; a parse error keeps it from running.
        var command = Create(commandName);
        command.SetAction(_ => NotRunExitCode);
        var root = new RootCommand("test") { command };

        return CliHarness.RunAsync(root, [commandName, .. required, .. args]);
    }

    [TestCase("--output", "json")]
    [TestCase("--output=json")]
    public async Task UnknownCommand_OutputJson_PrintsErrorDocument(params string[] outputArgs)
    {
        // Arrange
        var root = new RootCommand("test") { Create("ingest") };

        // Act
        var result = await CliHarness.RunAsync(root, ["bogus", .. outputArgs]);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.JsonError.GetProperty("code").GetString(), Is.EqualTo("usage_error"));
        Assert.That(result.Output.Trim(), Does.EndWith("}"));
    }

    private static Command Create(string commandName)
    {
        var context = new CliContext { WorkingDirectory = Path.GetTempPath(), Out = TextWriter.Null, Error = TextWriter.Null };
        return commandName switch
        {
            "ingest" => IngestCommand.Create(),
            "sync" => SyncCommand.Create(context),
            "plan" => PlanCommand.Create(context),
            "render" => RenderCommand.Create(),
            _ => EmulatorCommand.Create(),
        };
    }
}
