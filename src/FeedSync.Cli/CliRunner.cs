using System.CommandLine;

namespace FeedSync.Cli;

/// <summary>Parses and invokes a command line, mapping parse errors to <see cref="ExitCodes.Usage"/>.</summary>
internal static class CliRunner
{
    /// <summary>
    /// Invokes <paramref name="root"/> with <paramref name="args"/>. Parse errors are printed with help as
    /// System.CommandLine does, but exit with <see cref="ExitCodes.Usage"/> instead of its default 1.
    /// </summary>
    public static async Task<int> InvokeAsync(Command root, string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var parseResult = root.Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);
        return parseResult.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }
}
