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

    /// <summary>Builds the configuration for <paramref name="context"/> with <paramref name="flags"/> on top.</summary>
    public static IConfigurationRoot Build(CliContext context, IReadOnlyDictionary<string, string?> flags)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(flags);

        var builder = new ConfigurationBuilder().SetBasePath(context.WorkingDirectory);
        foreach (var file in SettingsFiles)
        {
            builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        }

        return builder
            .AddEnvironmentVariables()
            .AddInMemoryCollection(flags)
            .AddInMemoryCollection(context.Settings ?? new Dictionary<string, string?>())
            .Build();
    }
}
