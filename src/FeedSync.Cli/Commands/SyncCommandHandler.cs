using System.CommandLine;
using FeedSync.Cli.Composition;
using FeedSync.Normalisation;
using FeedSync.Sentinel;
using FeedSync.Sync;
using FeedSync.ThreatFox;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Commands;

/// <summary>Runs <c>feedsync sync</c> and <c>feedsync plan</c>: composes the services, runs the sync with progress, prints the report.</summary>
internal sealed class SyncCommandHandler(CliContext context, SyncCommandOptions options)
{
    /// <summary>Runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public async Task<int> RunAsync(ParseResult parseResult, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);

        var json = options.Feed.GetFormat(parseResult) == IngestOutputFormat.Json;
        var errors = new CliErrorWriter($"feedsync {parseResult.CommandResult.Command.Name}", context.Out, context.Error, json);
        try
        {
            return await RunCheckedAsync(parseResult, dryRun, json, cancellationToken);
        }
        catch (CliUsageException exception)
        {
            return await errors.WriteAsync(CliError.Usage(exception.Message));
        }
        catch (CliConfigurationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }
        catch (OptionsValidationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while the target started, before the sync made any call.
            await new SyncCancellationReport(0, null, WorkspaceCallCounts.Zero, dryRun).WriteAsync(context.Out, json);
            return ExitCodes.Cancelled;
        }
    }

    private async Task<int> RunCheckedAsync(ParseResult parseResult, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        var flags = options.ReadSettings(parseResult);
        var configuration = CliSettings.Build(context, flags);
        CliSettings.ThrowIfUnconvertible(configuration);
        var request = options.CreateRequest(parseResult, ReadIngestionDefaults(configuration), dryRun);
        RequireApiKeyFor(request, configuration);

        await using var target = await WorkspaceTarget.ResolveAsync(parseResult.GetValue(options.Target), configuration, context.WorkingDirectory, cancellationToken);
        foreach (var (key, value) in target.Settings)
        {
            flags[key] = value;
        }

        var targetConfiguration = CliSettings.Build(context, flags);

        var runLockFile = SyncRunLockFile.PathFor(target.Name, targetConfiguration, context.WorkingDirectory);
        await using var provider = CliServices.Build(targetConfiguration, context, parseResult.GetValue(options.Verbose), runLockFile);
        var runner = provider.GetRequiredService<ISyncRunner>();
        var workspace = provider.GetRequiredService<ISentinelWorkspace>();
        var callsBefore = workspace.GetCallCounts();

        var view = new SyncProgressView(context);
        SyncReport report;
        try
        {
            report = await view.RunAsync(progress => runner.RunAsync(request, progress, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner returns no report for a run its caller cancelled, so the progress supplies the counts.
            var applying = view.LastApplying;
            var cancelled = new SyncCancellationReport(applying?.Completed ?? 0, applying?.Total, workspace.GetCallCounts().Since(callsBefore), dryRun);
            await cancelled.WriteAsync(context.Out, json);
            return ExitCodes.Cancelled;
        }

        if (json)
        {
            await context.Out.WriteLineAsync(SyncReportJson.Serialize(report));
        }
        else
        {
            SyncReportPrinter.Write(context.Out, report, request.Source, target.Description);
        }

        return ExitCodeOf(report);
    }

    /// <summary>Reads and validates the <c>FeedSync:Ingestion</c> defaults before the target starts.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    private static IngestionOptions ReadIngestionDefaults(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddFeedSyncIngestion(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<IngestionOptions>>().Value;
    }

    /// <summary>Returns the exit code of a finished run, treating an untrusted server certificate as a configuration error.</summary>
    private static int ExitCodeOf(SyncReport report)
    {
        if (report.Outcome == SyncOutcome.Succeeded)
        {
            return ExitCodes.Success;
        }

        return report.Error is SentinelRequestException { ErrorCode: SentinelRequestException.CertificateNotTrustedCode } ? ExitCodes.Usage : ExitCodes.Failed;
    }

    /// <summary>Rejects a live ThreatFox source without an Auth-Key before anything starts.</summary>
    private static void RequireApiKeyFor(SyncRequest request, IConfiguration configuration)
    {
        var apiKey = configuration.GetSection(ThreatFoxClientOptions.SectionName)[nameof(ThreatFoxClientOptions.ApiKey)];
        if (string.Equals(request.Source, IngestRequest.ThreatFoxSource, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(apiKey))
        {
            throw new CliConfigurationException($"--source threatfox needs an abuse.ch Auth-Key: set {ThreatFoxClientOptions.SectionName}:ApiKey (environment variable FeedSync__ThreatFox__ApiKey), or pass --source FILE.");
        }
    }
}
