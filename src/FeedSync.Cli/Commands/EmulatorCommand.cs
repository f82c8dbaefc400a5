using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using FeedSync.Cli.Composition;
using FeedSync.Cli.Terminal;
using FeedSync.SentinelEmulator;
using Microsoft.Extensions.Logging;

namespace FeedSync.Cli.Commands;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

/// <summary>
/// <c>feedsync emulator</c>: runs the local Sentinel emulator until Ctrl+C, prints its base URL and workspace,
/// and writes its certificate's public PEM so that other commands can trust it.
/// </summary>
internal static class EmulatorCommand
{
    /// <summary>The longest delete, upload or ingestion delay the emulator simulates: one day, in seconds.</summary>
    private const double MaxDurationSeconds = 86_400;

    /// <summary>The longest latency the emulator adds to a request: one hour, in milliseconds.</summary>
    private const double MaxLatencyMilliseconds = 3_600_000;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on; 0 picks a free port.", DefaultValueFactory = _ => 0 }
            .WholeNumber(0, 65535, note: "0 picks a free port");
        var state = new Option<FileInfo?>("--state") { Description = "The JSON file that keeps the state across runs and processes; without it the state lives in memory." }
            .FilePath();
        var certificateOut = new Option<FileInfo?>("--certificate-out") { Description = "Where to write the certificate's public PEM; default: beside the state file (.pem), else the temporary folder." }
            .FilePath();
        var deleteDuration = new Option<double>("--delete-duration") { Description = "How long a watchlist delete stays in progress, in seconds.", DefaultValueFactory = _ => 0 }
            .Number(0, MaxDurationSeconds, "seconds");
        var uploadDuration = new Option<double>("--upload-duration") { Description = "How long a rawContent upload stays in progress, in seconds.", DefaultValueFactory = _ => 0 }
            .Number(0, MaxDurationSeconds, "seconds");
        var ingestionDelay = new Option<double>("--ingestion-delay") { Description = "How long a watchlist change takes to show in Log Analytics queries, in seconds.", DefaultValueFactory = _ => 0 }
            .Number(0, MaxDurationSeconds, "seconds");
        var noThrottling = new Option<bool>("--no-throttling") { Description = "Turn off ARM's token-bucket throttling." };
        var throttleRate = new Option<double>("--fault-throttle-rate") { Description = "The share (0 to 1) of requests that get 429 Too Many Requests.", DefaultValueFactory = _ => 0 }
            .Number(0, 1);
        var serverErrorRate = new Option<double>("--fault-server-error-rate") { Description = "The share (0 to 1) of requests that fail with 500, 502, 503 or 504.", DefaultValueFactory = _ => 0 }
            .Number(0, 1);
        var latency = new Option<double>("--fault-latency") { Description = "The latency added to every request, in milliseconds.", DefaultValueFactory = _ => 0 }
            .Number(0, MaxLatencyMilliseconds, "milliseconds");
        var dropAfterWrites = new Option<int?>("--fault-drop-after-writes") { Description = "After this many successful ARM writes (PUT and DELETE), abort the connection of every further write without a response." }
            .WholeNumber(0);
        var seed = new Option<int>("--fault-seed") { Description = "The seed of the random fault choices.", DefaultValueFactory = _ => 0 }
            .WholeNumber(int.MinValue);

        var command = new Command("emulator", "Run a local emulator of the Sentinel watchlist, saved-search and Log Analytics query APIs on 127.0.0.1 until Ctrl+C.")
        {
            port, state, certificateOut, deleteDuration, uploadDuration, ingestionDelay, noThrottling,
            throttleRate, serverErrorRate, latency, dropAfterWrites, seed,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new EmulatorCommandSettings(
                parseResult.GetValue(port),
                parseResult.GetValue(state)?.FullName,
                parseResult.GetValue(certificateOut)?.FullName,
                new SentinelEmulatorOptions
                {
                    DeleteDuration = TimeSpan.FromSeconds(parseResult.GetValue(deleteDuration)),
                    UploadDuration = TimeSpan.FromSeconds(parseResult.GetValue(uploadDuration)),
                    IngestionDelay = TimeSpan.FromSeconds(parseResult.GetValue(ingestionDelay)),
                    ThrottlingEnabled = !parseResult.GetValue(noThrottling),
                    Faults = new EmulatorFaultOptions
                    {
                        ThrottleRate = parseResult.GetValue(throttleRate),
                        ServerErrorRate = parseResult.GetValue(serverErrorRate),
                        AddedLatency = TimeSpan.FromMilliseconds(parseResult.GetValue(latency)),
                        DropConnectionAfterWrites = parseResult.GetValue(dropAfterWrites),
                        Seed = parseResult.GetValue(seed),
                    },
                });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => StopOn(signal, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => StopOn(signal, stop));
            return await RunAsync(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, stop.Token);
        });

        return command;
    }

    /// <summary>Turns Ctrl+C or SIGTERM into a clean stop instead of ending the process at once.</summary>
    private static void StopOn(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }

    /// <summary>Starts the emulator, prints how to reach it, and stops it when <paramref name="cancellationToken"/> is cancelled.</summary>
    internal static async Task<int> RunAsync(EmulatorCommandSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddTerminalConsole()
            .SetMinimumLevel(LogLevel.Information));
        var options = settings.Options;
        options.Port = settings.Port;
        options.StateFile = settings.StateFile;
        options.LoggerFactory = loggerFactory;

        var errors = new CliErrorWriter("feedsync emulator", output, error, json: false);
        SentinelEmulator emulator;
        try
        {
            emulator = await SentinelEmulator.StartAsync(options, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            return await errors.WriteAsync(CliError.Usage($"The emulator did not start: {exception.Message}"));
        }
        catch (EmulatorStateFileException exception)
        {
            return await errors.WriteAsync(CliError.Configuration(
                $"The emulator did not start: the state file '{exception.StateFile}' is not valid emulator JSON ({exception.InnerException?.Message}). Delete it, or pass --state with another path."));
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            return await errors.WriteAsync(CliError.Failed($"The emulator did not start: {exception.Message}"));
        }

        await using (emulator)
        {
            var pemPath = settings.CertificateOut ?? DefaultPemPath(settings.StateFile, emulator.BaseUri.Port);
            WritePublicPem(emulator, pemPath);
            await PrintAsync(output, emulator, options.Workspaces[0], pemPath);

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopping the emulator.");
            }
        }

        return ExitCodes.Success;
    }

    private static string DefaultPemPath(string? stateFile, int port) =>
        stateFile is null
            ? Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"feedsync-emulator-{port}.pem"))
            : Path.ChangeExtension(stateFile, ".pem");

    private static void WritePublicPem(SentinelEmulator emulator, string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, emulator.Certificate.ExportCertificatePem() + Environment.NewLine);
    }

    private static async Task PrintAsync(TextWriter output, SentinelEmulator emulator, EmulatorWorkspace workspace, string pemPath)
    {
        await output.WriteLineAsync(TerminalText.Format($"Sentinel emulator listening on {emulator.BaseUri}"));
        await output.WriteLineAsync(TerminalText.Format($"Certificate (public PEM): {pemPath}"));
        await output.WriteLineAsync(TerminalText.Format($"Workspace: subscription {workspace.SubscriptionId}, resource group {workspace.ResourceGroup}, workspace {workspace.WorkspaceName}, customer id {workspace.CustomerId:D}"));
        await output.WriteLineAsync(TerminalText.Format($"Use it with: feedsync sync --arm-endpoint {emulator.BaseUri} --arm-certificate {pemPath}"));
        await output.WriteLineAsync("Press Ctrl+C to stop.");
    }
}

/// <summary>The parsed options of <c>feedsync emulator</c>.</summary>
internal sealed record EmulatorCommandSettings(int Port, string? StateFile, string? CertificateOut, SentinelEmulatorOptions Options);
