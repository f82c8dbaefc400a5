using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FeedSync.Cli.Terminal;

/// <summary>
/// The console log format of <c>feedsync</c>: one line per entry, <c>warn: Category[EventId] message</c>, like the
/// simple console formatter in single-line mode, but with the message and exception passed through
/// <see cref="TerminalText.Escape"/>. Log messages carry feed content such as unknown threat types and family names.
/// </summary>
internal sealed class TerminalConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name that <see cref="ConsoleLoggerOptions.FormatterName"/> selects this formatter by.</summary>
    public const string FormatterName = "feedsync-terminal";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);

        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(TerminalText.Format($"{LevelName(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {message}"));
        if (logEntry.Exception is { } exception)
        {
            // The stack trace stays on the entry's line, as in the simple formatter's single-line mode.
            textWriter.Write(TerminalText.Format($" {exception.ToString().ReplaceLineEndings(" ")}"));
        }

        textWriter.WriteLine();
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
