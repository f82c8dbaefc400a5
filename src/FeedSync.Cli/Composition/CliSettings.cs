using FeedSync.Cli.Commands;
using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.Sentinel.Workspace;
using FeedSync.Sync;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Cli.Composition;

/// <summary>
/// Builds the configuration of a command run, later sources winning: <c>appsettings.json</c> and
/// <c>feedsync.json</c> in the working directory, environment variables (<c>FeedSync__Sentinel__WorkspaceName</c>
/// sets <c>FeedSync:Sentinel:WorkspaceName</c>), then the command's flags.
/// </summary>
internal static class CliSettings
{
    /// <summary>The optional settings files read from the working directory, in order.</summary>
    public static IReadOnlyList<string> SettingsFiles { get; } = ["appsettings.json", CliConfiguration.SettingsFile];

    private static readonly (string Section, Type OptionsType)[] OptionsSections =
    [
        (ThreatFoxClientOptions.SectionName, typeof(ThreatFoxClientOptions)),
        (IngestionOptions.SectionName, typeof(IngestionOptions)),
        (SentinelWorkspaceOptions.SectionName, typeof(SentinelWorkspaceOptions)),
        (SyncOptions.SectionName, typeof(SyncOptions)),
        (HuntingOptions.SectionName, typeof(HuntingOptions)),
    ];

    /// <summary>Builds the configuration for <paramref name="context"/> with <paramref name="flags"/> on top.</summary>
    /// <exception cref="CliConfigurationException">A settings file is not valid JSON.</exception>
    public static IConfigurationRoot Build(CliContext context, IReadOnlyDictionary<string, string?> flags)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(flags);

        var builder = new ConfigurationBuilder().SetBasePath(context.WorkingDirectory);
        foreach (var file in SettingsFiles)
        {
            builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        }

        builder
            .AddEnvironmentVariables()
            .AddInMemoryCollection(flags)
            .AddInMemoryCollection(context.Settings ?? new Dictionary<string, string?>());
        return CliConfiguration.BuildChecked(builder, context.WorkingDirectory, SettingsFiles);
    }

    /// <summary>
    /// Binds every <c>FeedSync</c> options section once, so that a value the configuration binder cannot convert,
    /// such as <c>FeedSync:Ingestion:Days=abc</c>, stops the command before any work with a message that names the key.
    /// </summary>
    /// <exception cref="CliConfigurationException">A value cannot be converted to its setting's type.</exception>
    public static void ThrowIfUnconvertible(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        foreach (var (section, optionsType) in OptionsSections)
        {
            try
            {
                configuration.GetSection(section).Get(optionsType);
            }
            catch (InvalidOperationException exception)
            {
                // The binder's message names the value, the key and the expected type.
                throw new CliConfigurationException($"{exception.Message} Correct or remove the setting.", exception);
            }
        }
    }
}
