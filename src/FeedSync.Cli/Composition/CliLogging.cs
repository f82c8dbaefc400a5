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
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
