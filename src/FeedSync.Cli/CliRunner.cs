using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using FeedSync.Cli.Commands;
using FeedSync.Cli.Terminal;

namespace FeedSync.Cli;

/// <summary>Parses and invokes a command line, mapping parse errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static class CliRunner
{
    private const string OutputOptionName = "--output";

    /// <summary>
    /// Invokes <paramref name="root"/> with <paramref name="args"/>. A parse error exits with <see cref="ExitCodes.Usage"/>
    /// instead of System.CommandLine's default 1: its messages go to standard error, escaped for the terminal, with a
    /// pointer to the command's help, and with <c>--output json</c> standard output gets the JSON error document.
    /// </summary>
    public static async Task<int> InvokeAsync(Command root, string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            return await WriteParseErrorsAsync(parseResult, configuration?.Output ?? Console.Out, configuration?.Error ?? Console.Error);
        }

        var invocation = configuration ?? new InvocationConfiguration();
        invocation.EnableDefaultExceptionHandler = false;
        int exitCode;
        try
        {
            exitCode = await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C in a command that prints no partial result of its own.
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            // The outermost boundary: a failure no command expected still reaches the terminal only escaped.
            var errors = new CliErrorWriter(CommandPath(parseResult.CommandResult), invocation.Output, invocation.Error, RequestsJson(parseResult));
            return await errors.WriteUnhandledAsync(exception);
        }

        return parseResult.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }

    private static async Task<int> WriteParseErrorsAsync(ParseResult parseResult, TextWriter output, TextWriter error)
    {
        var commandPath = CommandPath(parseResult.CommandResult);
        var messages = parseResult.Errors.Select(parseError => parseError.Message).ToList();
        var failure = messages.Count == 1
            ? CliError.Usage(messages[0])
            : CliError.Usage($"The command line has {messages.Count} errors.") with { Details = messages };

        var exitCode = await new CliErrorWriter(commandPath, output, error, RequestsJson(parseResult)).WriteAsync(failure);
        await error.WriteLineAsync(TerminalText.Format($"Run '{commandPath} --help' to see the options."));
        return exitCode;
    }

    /// <summary>Returns the command's path from <c>feedsync</c>, such as <c>feedsync ingest</c>.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (CommandResult? current = command; current is not null; current = current.Parent as CommandResult)
        {
            if (current.Command is not RootCommand)
            {
                names.Insert(0, current.Command.Name);
            }
        }

        names.Insert(0, "feedsync");
        return string.Join(' ', names);
    }

    /// <summary>Returns true when the command line requests <c>--output json</c>, even though other options are invalid.</summary>
    private static bool RequestsJson(ParseResult parseResult)
    {
        var output = parseResult.CommandResult.Command.Options.FirstOrDefault(option => option.Name == OutputOptionName);
        if (output is null)
        {
            // An unknown command has no --output option to parse it, so the raw tokens decide.
            return RawTokensRequestJson([.. parseResult.Tokens.Select(token => token.Value)]);
        }

        return parseResult.GetResult(output) is OptionResult result
            && result.Tokens.Any(token => string.Equals(token.Value, "json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Returns true when the tokens contain <c>--output json</c>, <c>--output=json</c> or <c>--output:json</c>.</summary>
    private static bool RawTokensRequestJson(IReadOnlyList<string> tokens)
    {
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (string.Equals(token, OutputOptionName, StringComparison.Ordinal)
                && index + 1 < tokens.Count
                && string.Equals(tokens[index + 1], "json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(token, $"{OutputOptionName}=json", StringComparison.OrdinalIgnoreCase)
                || string.Equals(token, $"{OutputOptionName}:json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
