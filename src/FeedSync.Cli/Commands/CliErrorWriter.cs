using System.Text;
using System.Text.Json;
using FeedSync.Cli.Terminal;

namespace FeedSync.Cli.Commands;

/// <summary>
/// Prints a <see cref="CliError"/>: always as escaped text on standard error, and with <c>--output json</c> also as
/// one JSON document on standard output, <c>{"error": {"code": ..., "message": ..., "source": ..., "details": [...]}}</c>,
/// so that a script that parses the output gets a document on failure too.
/// </summary>
/// <param name="commandName">The command that failed, such as <c>feedsync ingest</c>, which starts the text line.</param>
internal sealed class CliErrorWriter(string commandName, TextWriter output, TextWriter error, bool json)
{
    /// <summary>Prints <paramref name="failure"/> and returns its exit code.</summary>
    public async Task<int> WriteAsync(CliError failure)
    {
        ArgumentNullException.ThrowIfNull(failure);

        await error.WriteLineAsync(TerminalText.Format($"{commandName}: {failure.Message}"));
        foreach (var detail in failure.Details)
        {
            await error.WriteLineAsync(TerminalText.Format($"  {detail}"));
        }

        if (json)
        {
            await output.WriteLineAsync(ToJson(failure));
        }

        return failure.ExitCode;
    }

    /// <summary>
    /// Prints an exception that no command handled, in place of System.CommandLine's default, which prints
    /// <see cref="Exception.ToString"/> unescaped. Each message stays on its own line, escaped, because messages can
    /// quote feed content, and the stack trace follows line by line. Returns <see cref="ExitCodes.Failed"/>.
    /// </summary>
    public async Task<int> WriteUnhandledAsync(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        var failure = CliError.Failed($"Unhandled exception: {exception.GetType()}: {exception.Message}");
        await error.WriteLineAsync(TerminalText.Format($"{commandName}: {failure.Message}"));
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            await error.WriteLineAsync(TerminalText.Format($" ---> {inner.GetType()}: {inner.Message}"));
        }

        foreach (var line in (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await error.WriteLineAsync(TerminalText.Escape(line.TrimEnd('\r')));
        }

        if (json)
        {
            await output.WriteLineAsync(ToJson(failure));
        }

        return failure.ExitCode;
    }

    /// <summary>Returns the JSON error document; the default encoder escapes every control and non-ASCII character.</summary>
    internal static string ToJson(CliError failure)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", failure.Code);
            json.WriteString("message", failure.Message);
            if (failure.Source is not null)
            {
                json.WriteString("source", failure.Source);
            }

            if (failure.Details.Count > 0)
            {
                json.WriteStartArray("details");
                foreach (var detail in failure.Details)
                {
                    json.WriteStringValue(detail);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
