using System.CommandLine;
using FeedSync.Cli.Composition;

namespace FeedSync.Cli.Commands;

/// <summary><c>feedsync sync</c>: reads the feed, diffs it against the managed watchlists and applies the difference.</summary>
internal static class SyncCommand
{
    /// <summary>Creates the command; <paramref name="context"/> defaults to the console.</summary>
    public static Command Create(CliContext? context = null)
    {
        var options = new SyncCommandOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Compute and print the plan without writing anything (the same as 'feedsync plan')." };
        var command = new Command("sync", "Sync ThreatFox indicators into the managed Sentinel watchlists, writing only the difference.");
        options.AddTo(command, includeForce: true);
        command.Options.Add(dryRun);

        command.SetAction((parseResult, cancellationToken) =>
            new SyncCommandHandler(context ?? CliContext.FromConsole(), options)
                .RunAsync(parseResult, parseResult.GetValue(dryRun), cancellationToken));
        return command;
    }
}
