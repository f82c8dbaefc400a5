using FeedSync.Cli.Terminal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FeedSync.Cli.Composition;

/// <summary>The console logging that every command shares, written to standard error.</summary>
internal static class CliLogging
{
    /// <summary>
    /// Configures console logging. A command prints each failure once in its own output, so without
    /// <paramref name="verbose"/> the console shows only warnings such as retries, not the errors and stack
    /// traces that the output repeats. With it, the console shows information and above.
    /// </summary>
    public static ILoggingBuilder AddCliConsole(this ILoggingBuilder logging, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(logging);

        return logging
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter<ConsoleLoggerProvider>((_, level) => verbose || level == LogLevel.Warning)
            .AddTerminalConsole();
    }

    /// <summary>
    /// Adds the console logger with <see cref="TerminalConsoleFormatter"/>, which escapes control characters in
    /// every entry, writing every level to standard error.
    /// </summary>
    public static ILoggingBuilder AddTerminalConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);

        return logging
            .AddConsole(console =>
            {
                console.FormatterName = TerminalConsoleFormatter.FormatterName;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<TerminalConsoleFormatter, ConsoleFormatterOptions>();
    }
}
