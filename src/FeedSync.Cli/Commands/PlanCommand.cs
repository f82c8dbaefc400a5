using System.CommandLine;
using FeedSync.Cli.Composition;

namespace FeedSync.Cli.Commands;

/// <summary><c>feedsync plan</c>: a dry run of <c>feedsync sync</c> that lists every planned change and writes nothing.</summary>
internal static class PlanCommand
{
    /// <summary>Creates the command; <paramref name="context"/> defaults to the console.</summary>
    public static Command Create(CliContext? context = null)
    {
        var options = new SyncCommandOptions();
        var command = new Command("plan", "Show what 'feedsync sync' would add, update and remove, without writing anything.");
        options.Feed.Output.Description = $"The output format: text (a summary that lists up to {SyncReportPrinter.MaxListedChanges} changes per watchlist) or json (the plan report: counts per watchlist, hunting query and ARM call counts, and every planned change).";
        options.AddTo(command, includeForce: false);

        command.SetAction((parseResult, cancellationToken) =>
            new SyncCommandHandler(context ?? CliContext.FromConsole(), options)
                .RunAsync(parseResult, dryRun: true, cancellationToken));
        return command;
    }
}
