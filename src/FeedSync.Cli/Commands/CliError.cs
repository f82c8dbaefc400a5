using FeedSync.ThreatFox;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Commands;

/// <summary>
/// A failure that ends a command before it produced its result: the exit code, a stable error code for scripts,
/// the message, and what failed.
/// </summary>
/// <param name="Code">The error code of the JSON error document: one of the constants of this type.</param>
/// <param name="Message">What failed and how to fix it.</param>
/// <param name="ExitCode">The exit code (see <see cref="ExitCodes"/>).</param>
internal sealed record CliError(string Code, string Message, int ExitCode)
{
    /// <summary>The code of an invalid command line, including an option value that is invalid.</summary>
    public const string UsageCode = "usage_error";

    /// <summary>The code of invalid or missing settings.</summary>
    public const string ConfigurationCode = "configuration_error";

    /// <summary>The code of a source that could not be read: a missing or broken file, or a failed ThreatFox call.</summary>
    public const string SourceFailedCode = "source_failed";

    /// <summary>The code of a run that failed for another reason, such as a port already in use.</summary>
    public const string FailedCode = "failed";

    /// <summary>The source that failed, when the failure is about one.</summary>
    public string? Source { get; init; }

    /// <summary>Each problem found, when there are several, such as every invalid setting.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Creates a usage error (exit code 2).</summary>
    public static CliError Usage(string message) => new(UsageCode, message, ExitCodes.Usage);

    /// <summary>Creates a configuration error (exit code 2) that lists every failed validation.</summary>
    public static CliError Configuration(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        return new(ConfigurationCode, "The configuration is invalid.", ExitCodes.Usage) { Details = [.. exception.Failures] };
    }

    /// <summary>Creates a configuration error (exit code 2) with one message.</summary>
    public static CliError Configuration(string message) => new(ConfigurationCode, message, ExitCodes.Usage);

    /// <summary>Creates a source failure (exit code 1).</summary>
    public static CliError SourceFailed(FeedSourceException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        return new(SourceFailedCode, exception.Message, ExitCodes.Failed) { Source = exception.Source };
    }

    /// <summary>Creates a failure (exit code 1) that is neither a usage, configuration nor source error.</summary>
    public static CliError Failed(string message) => new(FailedCode, message, ExitCodes.Failed);

    /// <summary>Creates a usage error (exit code 2) for a ThreatFox request that the command line made invalid.</summary>
    public static CliError InvalidRequest(ThreatFoxException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        return new(UsageCode, exception.Message, ExitCodes.Usage) { Source = exception.Source };
    }
}
