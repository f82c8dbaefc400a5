using System.CommandLine;
using FeedSync.Cli.Commands;

namespace FeedSync.Cli;

/// <summary>The <c>feedsync</c> command-line entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("FeedSync: keeps Microsoft Sentinel watchlists and hunting queries in step with abuse.ch ThreatFox.");
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(EmulatorCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());

        return await CliRunner.InvokeAsync(root, args);
    }
}
