using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
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
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on; 0 picks a free port.", DefaultValueFactory = _ => 0 };
        var state = new Option<FileInfo?>("--state") { Description = "JSON file that keeps the state across runs and processes; without it the state lives in memory." };
        var certificateOut = new Option<FileInfo?>("--certificate-out") { Description = "Where to write the certificate's public PEM; default: beside the state file (.pem), else the temporary folder." };
        var deleteDuration = new Option<double>("--delete-duration") { Description = "Seconds a watchlist delete stays in progress.", DefaultValueFactory = _ => 0 };
        var uploadDuration = new Option<double>("--upload-duration") { Description = "Seconds a rawContent upload stays in progress.", DefaultValueFactory = _ => 0 };
        var ingestionDelay = new Option<double>("--ingestion-delay") { Description = "Seconds before a watchlist change shows in Log Analytics queries.", DefaultValueFactory = _ => 0 };
        var noThrottling = new Option<bool>("--no-throttling") { Description = "Turn off ARM's token-bucket throttling." };
        var throttleRate = new Option<double>("--fault-throttle-rate") { Description = "Share (0 to 1) of requests that get 429 Too Many Requests.", DefaultValueFactory = _ => 0 };
        var serverErrorRate = new Option<double>("--fault-server-error-rate") { Description = "Share (0 to 1) of requests that fail with 500, 502, 503 or 504.", DefaultValueFactory = _ => 0 };
        var latency = new Option<double>("--fault-latency") { Description = "Milliseconds added to every request.", DefaultValueFactory = _ => 0 };
        var dropAfterWrites = new Option<int?>("--fault-drop-after-writes") { Description = "Abort the connection of every ARM write after this many successful writes." };
        var seed = new Option<int>("--fault-seed") { Description = "Seed of the random fault choices.", DefaultValueFactory = _ => 0 };

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
            return await RunAsync(settings, Console.Out, Console.Error, stop.Token);
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
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information));
        var options = settings.Options;
        options.Port = settings.Port;
        options.StateFile = settings.StateFile;
        options.LoggerFactory = loggerFactory;

        SentinelEmulator emulator;
        try
        {
            emulator = await SentinelEmulator.StartAsync(options, cancellationToken);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync($"The emulator did not start: {exception.Message}");
            return 1;
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

        return 0;
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
        await output.WriteLineAsync($"Sentinel emulator listening on {emulator.BaseUri}");
        await output.WriteLineAsync($"Certificate (public PEM): {pemPath}");
        await output.WriteLineAsync($"Workspace: subscription {workspace.SubscriptionId}, resource group {workspace.ResourceGroup}, workspace {workspace.WorkspaceName}, customer id {workspace.CustomerId:D}");
        await output.WriteLineAsync($"Use it with: feedsync sync --arm-endpoint {emulator.BaseUri} --arm-certificate {pemPath}");
        await output.WriteLineAsync("Press Ctrl+C to stop.");
    }
}

/// <summary>The parsed options of <c>feedsync emulator</c>.</summary>
internal sealed record EmulatorCommandSettings(int Port, string? StateFile, string? CertificateOut, SentinelEmulatorOptions Options);
