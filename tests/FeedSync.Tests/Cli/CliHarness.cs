using System.CommandLine;
using System.Text.Json;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.Cli.Composition;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Tests.Cli;

/// <summary>Runs <c>feedsync</c> commands in-process with captured output, as the other CLI fixtures do.</summary>
internal static class CliHarness
{
    /// <summary>Runs <c>feedsync ingest</c> with <paramref name="settings"/> as its whole configuration.</summary>
    public static Task<CliResult> IngestAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return RunAsync(IngestCommand.Create(() => configuration), args);
    }

    /// <summary>Runs <c>feedsync sync</c> or <c>plan</c> (by <paramref name="create"/>) in <paramref name="workingDirectory"/>.</summary>
    public static async Task<CliResult> InDirectoryAsync(
        Func<CliContext?, Command> create,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? settings,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext { WorkingDirectory = workingDirectory, Out = output, Error = error, Settings = settings };

        var exitCode = await CliRunner.InvokeAsync(create(context), args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="command"/> as the root command.</summary>
    public static async Task<CliResult> RunAsync(Command command, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliRunner.InvokeAsync(command, args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>The exit code and the captured standard output and error of one command.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The standard output as JSON; throws when it is not one JSON document.</summary>
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    /// <summary>The <c>error</c> object of the JSON error document.</summary>
    public JsonElement JsonError => Json.GetProperty("error");
}
