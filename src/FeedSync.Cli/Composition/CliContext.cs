using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Cli.Composition;

/// <summary>
/// What a command runs against: the working directory, the output streams, whether the error stream is a
/// terminal, and for tests a hook that replaces registered services.
/// </summary>
internal sealed record CliContext
{
    /// <summary>The working directory: where <c>appsettings.json</c> is read and <c>.feedsync/</c> is kept.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The standard output: the summary or the JSON document.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>The standard error: progress, warnings and errors.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when the error stream is a terminal, which gets a progress bar instead of plain lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Registrations applied after the product's own, so that a test can replace a service.</summary>
    public Action<IServiceCollection>? OverrideServices { get; init; }

    /// <summary>Settings applied on top of every other configuration source, for tests.</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>The context of the real process: the current directory and the console.</summary>
    public static CliContext FromConsole() => new()
    {
        WorkingDirectory = Directory.GetCurrentDirectory(),
        Out = Console.Out,
        Error = Console.Error,
        Interactive = !Console.IsErrorRedirected,
    };
}
