using Microsoft.Extensions.Configuration;

namespace FeedSync.Cli.Composition;

/// <summary>
/// Builds the command line's configuration, later sources winning: <c>appsettings.json</c> in the working
/// directory, environment variables (<c>FeedSync__Sentinel__WorkspaceName</c> is <c>FeedSync:Sentinel:WorkspaceName</c>),
/// then the command's flags.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The optional settings file read from the working directory.</summary>
    public const string SettingsFileName = "appsettings.json";

    /// <summary>Builds the configuration for <paramref name="context"/> with <paramref name="flags"/> on top.</summary>
    public static IConfigurationRoot Build(CliContext context, IReadOnlyDictionary<string, string?> flags)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(flags);

        return new ConfigurationBuilder()
            .SetBasePath(context.WorkingDirectory)
            .AddJsonFile(SettingsFileName, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(flags)
            .AddInMemoryCollection(context.Settings ?? new Dictionary<string, string?>())
            .Build();
    }
}
