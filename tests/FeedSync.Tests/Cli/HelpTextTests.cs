using System.CommandLine;
using System.Text.RegularExpressions;
using FeedSync.Cli.Commands;
using FeedSync.Cli.Composition;

namespace FeedSync.Tests.Cli;

/// <summary>The help of each command describes its own options, not text copied from another command.</summary>
[TestFixture]
internal sealed partial class HelpTextTests
{
    private static readonly string[] JsonCommands = ["ingest", "sync", "plan"];

    [TestCase("ingest", "every indicator and every reject")]
    [TestCase("sync", "the run report: outcome")]
    [TestCase("plan", "the plan report")]
    public async Task Help_OutputOption_DescribesOwnJson(string commandName, string expected)
    {
        // Act
        var help = await HelpAsync(commandName);

        // Assert
        Assert.That(OptionLine(help, "--output"), Does.Contain(expected));
    }

    [Test]
    public async Task Help_OutputOption_DiffersPerCommand()
    {
        // Act
        var descriptions = new List<string>();
        foreach (var commandName in JsonCommands)
        {
            descriptions.Add(OptionLine(await HelpAsync(commandName), "--output"));
        }

        // Assert
        Assert.That(descriptions, Is.Unique);
    }

    [TestCase("ingest", "--threat-type", "botnet_cc, cc_skimming, payload, payload_delivery")]
    [TestCase("sync", "--as-of", "UTC when it has no offset")]
    [TestCase("ingest", "--as-of", "UTC when it has no offset")]
    [TestCase("emulator", "--port", "0 picks a free port")]
    [TestCase("emulator", "--fault-drop-after-writes", "abort the connection of every further write")]
    public async Task Help_Option_StatesValuesAndUnits(string commandName, string optionName, string expected)
    {
        // Act
        var help = await HelpAsync(commandName);

        // Assert
        Assert.That(OptionLine(help, optionName), Does.Contain(expected));
    }

    private static async Task<string> HelpAsync(string commandName)
    {
        var context = new CliContext { WorkingDirectory = Path.GetTempPath(), Out = TextWriter.Null, Error = TextWriter.Null };
        Command command = commandName switch
        {
            "ingest" => IngestCommand.Create(),
            "sync" => SyncCommand.Create(context),
            "plan" => PlanCommand.Create(context),
            _ => EmulatorCommand.Create(),
        };

        var run = await CliHarness.RunAsync(new RootCommand("test") { command }, commandName, "--help");
        return run.Output;
    }

    /// <summary>Returns the help line of <paramref name="optionName"/> with its wrapped continuation lines joined.</summary>
    private static string OptionLine(string help, string optionName)
    {
        var match = Regex.Match(help, $@"^\s+{Regex.Escape(optionName)}\b(?<text>.*(?:\n\s{{10,}}\S.*)*)", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, help);
        return WhiteSpace().Replace(match.Groups["text"].Value, " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
