using System.CommandLine;
using FeedSync.Cli.Composition;
using FeedSync.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Commands;

/// <summary>Runs <c>feedsync sync</c> and <c>feedsync plan</c>: composes the services, runs the sync with progress, prints the report.</summary>
internal sealed class SyncCommandHandler(CliContext context, SyncCommandOptions options)
{
    /// <summary>Runs the command and returns its exit code (see <see cref="CliExitCodes"/>).</summary>
    public async Task<int> RunAsync(ParseResult parseResult, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCheckedAsync(parseResult, dryRun, cancellationToken);
        }
        catch (CliUsageException exception)
        {
            await context.Error.WriteLineAsync($"feedsync: {exception.Message}");
            return CliExitCodes.UsageError;
        }
        catch (OptionsValidationException exception)
        {
            await context.Error.WriteLineAsync("feedsync: the configuration is invalid:");
            foreach (var failure in exception.Failures)
            {
                await context.Error.WriteLineAsync($"  {failure}");
            }

            return CliExitCodes.UsageError;
        }
    }

    private async Task<int> RunCheckedAsync(ParseResult parseResult, bool dryRun, CancellationToken cancellationToken)
    {
        var request = options.ReadRequest(parseResult, dryRun);
        var json = parseResult.GetValue(options.Output) == "json";
        var flags = options.ReadSettings(parseResult);
        var configuration = CliConfiguration.Build(context, flags);

        await using var target = await WorkspaceTarget.ResolveAsync(parseResult.GetValue(options.Target), configuration, context.WorkingDirectory, cancellationToken);
        foreach (var (key, value) in target.Settings)
        {
            flags[key] = value;
        }

        var targetConfiguration = CliConfiguration.Build(context, flags);

        var runLockFile = SyncRunLockFile.PathFor(target.Name, targetConfiguration, context.WorkingDirectory);
        await using var provider = CliServices.Build(targetConfiguration, context, parseResult.GetValue(options.Verbose), runLockFile);
        var runner = provider.GetRequiredService<ISyncRunner>();

        var view = new SyncProgressView(context);
        var report = await view.RunAsync(progress => runner.RunAsync(request, progress, cancellationToken));

        if (json)
        {
            await context.Out.WriteLineAsync(SyncReportJson.Serialize(report));
        }
        else
        {
            SyncReportPrinter.Write(context.Out, report, request.Source, target.Description);
        }

        return report.Outcome == SyncOutcome.Succeeded ? CliExitCodes.Success : CliExitCodes.Failure;
    }
}
