using System.Text.Json;
using FeedSync.Cli.Commands;
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

    /// <summary>Builds the configuration from the settings file in the current directory and the environment.</summary>
    /// <exception cref="CliConfigurationException">The settings file is not valid JSON.</exception>
    public static IConfiguration Build() => Build(Directory.GetCurrentDirectory());

    /// <summary>Builds the configuration from the settings file in <paramref name="directory"/> and the environment.</summary>
    /// <exception cref="CliConfigurationException">The settings file is not valid JSON.</exception>
    public static IConfiguration Build(string directory) => BuildChecked(
        new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile(SettingsFile, optional: true)
            .AddEnvironmentVariables(),
        directory,
        [SettingsFile]);

    /// <summary>
    /// Builds <paramref name="builder"/>, turning a settings file that cannot be loaded into a one-line
    /// <see cref="CliConfigurationException"/> with the file, line and position in place of the provider's exception.
    /// </summary>
    /// <exception cref="CliConfigurationException">A settings file is not valid JSON or cannot be read.</exception>
    internal static IConfigurationRoot BuildChecked(IConfigurationBuilder builder, string directory, IReadOnlyList<string> settingsFiles)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settingsFiles);

        foreach (var file in settingsFiles)
        {
            ThrowIfNotJson(Path.Combine(directory, file));
        }

        try
        {
            return builder.Build();
        }
        catch (InvalidDataException exception)
        {
            // The JSON is well formed but the provider rejects it, such as a key that appears twice.
            throw new CliConfigurationException($"{exception.Message} {exception.InnerException?.Message} Correct the file or remove it.", exception);
        }
    }

    /// <summary>Parses <paramref name="path"/>, when it exists, with the options the JSON configuration provider uses.</summary>
    private static void ThrowIfNotJson(string path)
    {
        try
        {
            // The stream overload skips a UTF-8 byte order mark, as the configuration provider does.
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliConfigurationException($"The settings file '{path}' cannot be read: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            throw new CliConfigurationException(
                $"The settings file '{path}' is not valid JSON at line {line}, position {position}: {WithoutLocation(exception.Message)} Correct the file or remove it.",
                exception);
        }
    }

    /// <summary>Removes the <c>LineNumber: … | BytePositionInLine: ….</c> suffix that System.Text.Json appends.</summary>
    private static string WithoutLocation(string message)
    {
        var index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
