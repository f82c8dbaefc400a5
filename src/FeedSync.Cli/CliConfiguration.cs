using Microsoft.Extensions.Configuration;

namespace FeedSync.Cli;

/// <summary>
/// The configuration of <c>feedsync</c>: an optional <c>feedsync.json</c> in the working directory, then
/// environment variables (<c>FeedSync__ThreatFox__ApiKey</c> sets <c>FeedSync:ThreatFox:ApiKey</c>), which win.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The optional settings file read from the working directory.</summary>
    public const string SettingsFile = "feedsync.json";

    /// <summary>Builds the configuration from the settings file and the environment.</summary>
    public static IConfiguration Build() => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile(SettingsFile, optional: true)
        .AddEnvironmentVariables()
        .Build();
}
