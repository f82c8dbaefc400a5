using System.CommandLine;
using FeedSync.Cli.Composition;
using FeedSync.Normalisation;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Commands;

/// <summary>
/// <c>feedsync ingest</c>: reads a ThreatFox file or the live API, normalises and filters the records, and
/// prints the counts and indicators. Exit code 0 on success, 1 when the source failed, 2 for usage or
/// configuration errors.
/// </summary>
internal static class IngestCommand
{
    /// <summary>Creates the command; tests pass their own configuration and services.</summary>
    public static Command Create(Func<IConfiguration>? configuration = null, Action<IServiceCollection>? configureServices = null)
    {
        var options = new IngestCommandOptions();
        var command = new Command("ingest", "Read ThreatFox IOCs from a file or the live API, normalise them and print what was accepted and rejected.");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            options,
            configuration ?? CliConfiguration.Build,
            configureServices,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult,
        IngestCommandOptions options,
        Func<IConfiguration> buildConfiguration,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var format = options.GetFormat(parseResult);
        var errors = new CliErrorWriter("feedsync ingest", output, parseResult.InvocationConfiguration.Error, format == IngestOutputFormat.Json);
        IConfiguration configuration;
        try
        {
            configuration = buildConfiguration();
        }
        catch (CliConfigurationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }

        await using var services = BuildServices(configuration, configureServices);
        IngestRequest request;
        try
        {
            CliSettings.ThrowIfUnconvertible(configuration);
            var defaults = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
            request = options.CreateRequest(parseResult, defaults);
            if (request.IsThreatFoxApi)
            {
                RequireApiKey(services.GetRequiredService<IOptions<ThreatFoxClientOptions>>().Value);
            }
        }
        catch (OptionsValidationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception));
        }
        catch (CliConfigurationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }

        try
        {
            var pipeline = services.GetRequiredService<IIngestPipeline>();
            var result = await pipeline.RunAsync(request, cancellationToken);
            await IngestReportWriter.WriteAsync(result, format, output, cancellationToken);
            return ExitCodes.Success;
        }
        catch (ThreatFoxException exception) when (exception.Kind == ThreatFoxErrorKind.InvalidRequest)
        {
            return await errors.WriteAsync(CliError.InvalidRequest(exception));
        }
        catch (FeedSourceException exception)
        {
            return await errors.WriteAsync(CliError.SourceFailed(exception));
        }
    }

    private static void RequireApiKey(ThreatFoxClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new CliConfigurationException($"--source threatfox needs an abuse.ch Auth-Key: set {ThreatFoxClientOptions.SectionName}:ApiKey (environment variable FeedSync__ThreatFox__ApiKey) to a key from https://auth.abuse.ch/.");
        }
    }

    private static ServiceProvider BuildServices(IConfiguration configuration, Action<IServiceCollection>? configureServices)
    {
        var services = new ServiceCollection();

        services.AddLogging(logging => logging.AddCliConsole());
        services.AddFeedSyncIngestion(configuration);
        configureServices?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
