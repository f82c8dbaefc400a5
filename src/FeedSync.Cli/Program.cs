using System.CommandLine;
using System.Runtime.InteropServices;
using FeedSync.Cli.Commands;

namespace FeedSync.Cli;

/// <summary>The <c>feedsync</c> command-line entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("FeedSync: keeps Microsoft Sentinel watchlists and hunting queries in step with abuse.ch ThreatFox.");
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(EmulatorCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());

        // The first Ctrl+C (or SIGTERM) cancels the command, which then prints what it did. A second signal ends the
        // process at once. System.CommandLine's own handler is off because it ends the process after a timeout,
        // before a cancelled sync has printed its counts.
        using var interrupt = new CancellationTokenSource();
        var terminated = false;
        void Cancel(PosixSignalContext signal)
        {
            if (!interrupt.IsCancellationRequested)
            {
                terminated = signal.Signal == PosixSignal.SIGTERM;
                signal.Cancel = true;
                interrupt.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        var exitCode = await CliRunner.InvokeAsync(root, args, new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);
        return exitCode == ExitCodes.Cancelled && terminated ? ExitCodes.Terminated : exitCode;
    }
}
