using System.Globalization;
using System.Text.Json;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Cli;

/// <summary>
/// Feed content with terminal control sequences, forged lines and bidirectional controls reaches the text summaries
/// and error messages only escaped, and the JSON output only JSON-escaped.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class HostileOutputTests
{
    private const string HostileName = "Rem\u202Ecos\r\nForged: line\u001b]0;pwned\u0007\u001b[2J";
    private const string HostileThreatType = "botnet_cc\u001b[31m";
    private const string HostileIoc = "evil\u001b[2J\u009b1;1H.example";
    private const string HostileIocType = "x\u0000type";

    private string folder = null!;
    private string feedPath = null!;

    [SetUp]
    public void WriteHostileFeed()
    {
        folder = Directory.CreateTempSubdirectory("feedsync-hostile-cli-").FullName;
        feedPath = Path.Combine(folder, "hostile.json");
        File.WriteAllText(feedPath, HostileApiResponse());
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Ingest_HostileFeedText_EscapesEveryValue()
    {
        // Act
        var run = await CliHarness.IngestAsync(null, "ingest", "--source", feedPath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        AssertTerminalSafe(run.Output);
        Assert.That(run.Output, Does.Contain(@"win.remcos (Rem\u202Ecos\r\nForged: line\x1b]0;pwned\x07\x1b[2J): 1 indicators"));
        Assert.That(run.Output, Does.Contain(@"the field threat_type has the invalid value 'botnet_cc\u001B[31m'"));
        Assert.That(run.Output, Does.Contain(@"'evil\x1b[2J\x9b1;1H.example'"));
        Assert.That(run.Output, Does.Contain(@"x\x00type"));
        Assert.That(run.Output, Does.Not.Match("(?m)^Forged: line"));
    }

    [Test]
    public async Task Ingest_HostileFeedJson_EscapesAndKeepsValues()
    {
        // Act
        var run = await CliHarness.IngestAsync(null, "ingest", "--source", feedPath, "--output", "json");
        var family = run.Json.GetProperty("families")[0].GetProperty("name").GetString();
        var rawValues = run.Json.GetProperty("rejects").EnumerateArray().Select(reject => reject.GetProperty("rawValue").GetString()).ToList();

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        AssertTerminalSafe(run.Output);
        Assert.That(family, Is.EqualTo(HostileName));
        Assert.That(rawValues, Does.Contain(HostileIoc));
        Assert.That(rawValues, Does.Contain("198.51.100.8:443"), "the record with the hostile threat type is rejected");
    }

    [Test]
    public async Task Ingest_HostileSourceError_EscapesMessage()
    {
        // Arrange: a page instead of a feed; the error message quotes how it starts.
        var pagePath = Path.Combine(folder, "page.json");
        await File.WriteAllTextAsync(pagePath, "<html>\u001b]0;pwned\u0007\r\nForged: line\u202E</html>");

        // Act
        var run = await CliHarness.IngestAsync(null, "ingest", "--source", pagePath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        AssertTerminalSafe(run.Error);
        Assert.That(run.Error, Does.Contain(@"\x1b]0;pwned\x07"));
        Assert.That(run.Error, Does.Not.Match("(?m)^Forged: line"));
    }

    [Test]
    public async Task Ingest_HostileOptionValue_EscapesParseError()
    {
        // Act
        var run = await CliHarness.IngestAsync(null, "ingest", "--source", feedPath, "--kind", "ip\u001b[2J\nForged: line");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        AssertTerminalSafe(run.Error);
        Assert.That(run.Error, Does.Contain(@"'ip\x1b[2J\nForged: line' is not a valid value for --kind"));
    }

    [Test]
    public async Task Plan_HostileFeedText_EscapesEveryValue()
    {
        // Act
        var run = await CliHarness.InDirectoryAsync(PlanCommand.Create, folder, null, "--source", feedPath, "--as-of", "2026-05-27T00:00:00Z");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        AssertTerminalSafe(run.Output);
        AssertTerminalSafe(run.Error);
        Assert.That(run.Output, Does.Contain("Changes to ThreatFox-Url:"));
        Assert.That(run.Output, Does.Contain(@"/\u202Egnp.exe"));
    }

    [Test]
    public async Task Sync_HostileSourceError_EscapesReason()
    {
        // Arrange
        var pagePath = Path.Combine(folder, "page.json");
        await File.WriteAllTextAsync(pagePath, "<html>\u001b]0;pwned\u0007\r\nForged: line</html>");

        // Act
        var run = await CliHarness.InDirectoryAsync(SyncCommand.Create, folder, null, "--source", pagePath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        AssertTerminalSafe(run.Output);
        Assert.That(run.Output, Does.Contain(@"\x1b]0;pwned\x07"));
        Assert.That(run.Output, Does.Not.Match("(?m)^Forged: line"));
    }

    [Test]
    public async Task UnhandledException_HostileMessage_PrintedEscaped()
    {
        // Arrange: a failure no command handles, whose message quotes feed content.
        var command = new System.CommandLine.Command("ingest");
        command.SetAction(int (_) => throw new InvalidOperationException("bad value 'x\u001b]0;pwned\u0007\nForged: line'", new FormatException("inner \u202E")));

        // Act
        var run = await CliHarness.RunAsync(new System.CommandLine.RootCommand("test") { command }, "ingest");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        AssertTerminalSafe(run.Error);
        Assert.That(run.Error, Does.StartWith(@"feedsync ingest: Unhandled exception: System.InvalidOperationException: bad value 'x\x1b]0;pwned\x07\nForged: line'"));
        Assert.That(run.Error, Does.Contain(@" ---> System.FormatException: inner \u202E"));
        Assert.That(run.Error, Does.Not.Match("(?m)^Forged: line"));
    }

    /// <summary>Fails when <paramref name="text"/> contains a character a terminal could act on, other than the line ends.</summary>
    private static void AssertTerminalSafe(string text)
    {
        var lines = text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal);
        var unsafeCharacters = lines
            .Where(character => character != '\n' && IsTerminalControl(character))
            .Select(character => $"U+{(int)character:X4}")
            .Distinct()
            .ToList();
        Assert.That(unsafeCharacters, Is.Empty, text);
    }

    private static bool IsTerminalControl(char character) =>
        char.GetUnicodeCategory(character) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;

    private static string HostileApiResponse()
    {
        object Record(string id, string ioc, string iocType, string threatType) => new Dictionary<string, object?>
        {
            ["id"] = id,
            ["ioc"] = ioc,
            ["threat_type"] = threatType,
            ["ioc_type"] = iocType,
            ["malware"] = "win.remcos",
            ["malware_printable"] = HostileName,
            ["malware_alias"] = null,
            ["confidence_level"] = 75,
            ["first_seen"] = "2026-05-26 00:00:00 UTC",
            ["last_seen"] = null,
            ["reference"] = null,
            ["tags"] = null,
        };

        var response = new
        {
            query_status = "ok",
            data = new[]
            {
                Record("1", "http://evil.example/\u202Egnp.exe", "url", "botnet_cc"),
                Record("2", HostileIoc, "domain", "botnet_cc"),
                Record("3", "198.51.100.7:443", HostileIocType, "botnet_cc"),
                Record("4", "198.51.100.8:443", "ip:port", HostileThreatType),
            },
        };
        return JsonSerializer.Serialize(response);
    }
}
