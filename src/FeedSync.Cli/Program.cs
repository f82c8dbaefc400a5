using System.CommandLine;
using FeedSync.Cli.Commands;

namespace FeedSync.Cli;

/// <summary>The <c>feedsync</c> command-line entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("FeedSync: keeps Microsoft Sentinel watchlists and hunting queries in step with abuse.ch ThreatFox.");
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync($"feedsync: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'feedsync --help' for usage.");
            return CliExitCodes.UsageError;
        }

        return await parseResult.InvokeAsync();
    }
}
