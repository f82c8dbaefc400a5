using System.CommandLine;
using FeedSync.Cli.Composition;
using FeedSync.Cli.Terminal;
using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Commands;

/// <summary>
/// <c>feedsync render</c>: reads ThreatFox indicators from a source and writes the hunting content of one malware
/// family into a folder: the rule document (<c>markdown</c>), hunting-query YAML files (<c>yaml</c>) or one
/// <c>.kql</c> file per query (<c>kql</c>). Exit code 0 on success, 1 when the source failed, 2 for usage or
/// configuration errors, including a family with no indicators in the source and an <c>--out</c> folder that
/// cannot be created or written.
/// </summary>
internal static class RenderCommand
{
    private const int FamiliesListed = 10;

    /// <summary>Creates the command; tests pass their own configuration and services.</summary>
    public static Command Create(Func<IConfiguration>? configuration = null, Action<IServiceCollection>? configureServices = null)
    {
        var options = new RenderOptions();
        options.Format.OneOf("markdown", "yaml", "kql");
        options.Style.OneOf("watchlist", "inline");
        var command = new Command("render", "Write the hunting content of one malware family (rule document, hunting-query YAML or KQL) into a folder.")
        {
            options.Family, options.Source, options.Format, options.Out, options.Style,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, options, configuration ?? CliConfiguration.Build, configureServices, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult,
        RenderOptions options,
        Func<IConfiguration> buildConfiguration,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var errors = new CliErrorWriter("feedsync render", output, parseResult.InvocationConfiguration.Error, json: false);
        var family = parseResult.GetRequiredValue(options.Family);
        var format = Enum.Parse<HuntingContentFormat>(parseResult.GetRequiredValue(options.Format), ignoreCase: true);
        IConfiguration configuration;
        try
        {
            configuration = buildConfiguration();
        }
        catch (CliConfigurationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }

        await using var services = BuildServices(configuration, parseResult.GetValue(options.Style), configureServices);
        IngestRequest request;
        HuntingContentBuilder builder;
        try
        {
            CliSettings.ThrowIfUnconvertible(configuration);
            var defaults = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
            request = new IngestRequest
            {
                Source = parseResult.GetRequiredValue(options.Source),
                Days = defaults.Days,
                Filter = defaults.ToFilter() with { Families = [] },
            };
            builder = services.GetRequiredService<HuntingContentBuilder>();
        }
        catch (OptionsValidationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception));
        }
        catch (CliConfigurationException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }

        IngestResult result;
        try
        {
            result = await services.GetRequiredService<IIngestPipeline>().RunAsync(request, cancellationToken);
        }
        catch (ThreatFoxException exception) when (exception.Kind == ThreatFoxErrorKind.InvalidRequest)
        {
            return await errors.WriteAsync(CliError.InvalidRequest(exception));
        }
        catch (ThreatFoxException exception) when (exception.Kind == ThreatFoxErrorKind.Unauthorized)
        {
            return await errors.WriteAsync(CliError.Configuration(exception.Message));
        }
        catch (FeedSourceException exception)
        {
            return await errors.WriteAsync(CliError.SourceFailed(exception));
        }

        var scopes = builder.BuildFamilies(result.Indicators, family);
        if (scopes.Count == 0)
        {
            return await errors.WriteAsync(CliError.Usage($"no indicator of family '{family}' in {request.Source}. {FamiliesPresent(result)}"));
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("FeedSync.Cli.Render");
        IReadOnlyList<string> paths;
        try
        {
            paths = await HuntingFiles.WriteAsync(scopes, format, parseResult.GetRequiredValue(options.Out), logger, cancellationToken);
        }
        catch (HuntingOutputException exception)
        {
            return await errors.WriteAsync(CliError.Usage($"--out {exception.Message}"));
        }

        foreach (var path in paths)
        {
            await output.WriteLineAsync(TerminalText.Escape(path));
        }

        return ExitCodes.Success;
    }

    private static string FamiliesPresent(IngestResult result)
    {
        if (result.Families.Count == 0)
        {
            return "The source has no accepted indicators.";
        }

        var listed = string.Join(", ", result.Families.Take(FamiliesListed).Select(summary => $"{summary.Family.Id} ({summary.Family.Name})"));
        return result.Families.Count > FamiliesListed
            ? $"Families with the most indicators: {listed}, and {result.Families.Count - FamiliesListed} more."
            : $"Families in the source: {listed}.";
    }

    private static ServiceProvider BuildServices(IConfiguration configuration, string? style, Action<IServiceCollection>? configureServices)
    {
        var services = new ServiceCollection();

        services.AddLogging(logging => logging.AddCliConsole());
        services.AddSingleton(configuration);
        services.AddFeedSyncIngestion(configuration);
        services.AddFeedSyncHunting();
        if (style is not null)
        {
            services.PostConfigure<HuntingOptions>(options => options.Style = Enum.Parse<HuntingQueryStyle>(style, ignoreCase: true));
        }

        configureServices?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The options of <c>feedsync render</c>, created per command so that each parse has its own.</summary>
    private sealed class RenderOptions
    {
        public Option<string> Family { get; } = new("--family")
        {
            Description = "The malware family, by ThreatFox id (win.remcos), printable name (Remcos) or alias; case-insensitive.",
            Required = true,
        };

        public Option<string> Source { get; } = new("--source")
        {
            Description = "The ThreatFox file to read (export JSON or CSV, API response, NDJSON, or a ZIP of one), or 'threatfox' for the live API.",
            DefaultValueFactory = _ => IngestRequest.ThreatFoxSource,
        };

        public Option<string> Format { get; } = new("--format")
        {
            Description = "What to write: markdown (the rule document), yaml (hunting-query files for a content repository) or kql (one file per query).",
            DefaultValueFactory = _ => "markdown",
        };

        public Option<string> Out { get; } = new("--out")
        {
            Description = "The folder to write into; created when missing, and files of the same name are replaced (default: the current folder).",
            DefaultValueFactory = _ => ".",
        };

        public Option<string?> Style { get; } = new("--style")
        {
            Description = "Where the queries read indicators from: watchlist (the FeedSync watchlists) or inline (lists in the query). Default: FeedSync:Hunting:Style, else watchlist.",
        };
    }
}
