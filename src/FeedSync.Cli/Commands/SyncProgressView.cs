using FeedSync.Cli.Composition;
using FeedSync.Cli.Terminal;
using FeedSync.Sync;
using Spectre.Console;

namespace FeedSync.Cli.Commands;

/// <summary>
/// Shows a sync's progress on standard error: a Spectre.Console progress bar on a terminal, plain lines when the
/// stream is redirected. Standard output stays free for the summary or the JSON report.
/// </summary>
internal sealed class SyncProgressView(CliContext context)
{
    private readonly Lock applyingGate = new();
    private SyncProgress? lastApplying;

    /// <summary>The applying step's progress with the most changes written, or null when the run has written nothing yet.</summary>
    public SyncProgress? LastApplying
    {
        get
        {
            lock (applyingGate)
            {
                return lastApplying;
            }
        }
    }

    private void RecordApplying(SyncProgress value)
    {
        lock (applyingGate)
        {
            // Writes run in parallel, so their reports can arrive out of order.
            if (lastApplying is null || value.Completed > lastApplying.Completed)
            {
                lastApplying = value;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> while showing the progress it reports. On a terminal the progress bar is removed
    /// and the cursor shown again however the run ends, including by cancellation.
    /// </summary>
    public async Task<SyncReport> RunAsync(Func<IProgress<SyncProgress>, Task<SyncReport>> run)
    {
        ArgumentNullException.ThrowIfNull(run);

        if (!context.Interactive)
        {
            return await run(new TrackingProgress(this, new PlainProgress(context.Error)));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Error),
            Interactive = InteractionSupport.Yes,
        });

        try
        {
            return await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progressContext => await run(new TrackingProgress(this, new BarProgress(progressContext))));
        }
        finally
        {
            console.Cursor.Show(true);
        }
    }

    private static string Describe(SyncStage stage) => stage switch
    {
        SyncStage.ReadingSource => "Reading source",
        SyncStage.ReadingWatchlists => "Reading watchlists",
        _ => "Applying changes",
    };

    /// <summary>Records the applying step's progress for <see cref="LastApplying"/>, then shows it.</summary>
    private sealed class TrackingProgress(SyncProgressView view, IProgress<SyncProgress> display) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Stage == SyncStage.Applying)
            {
                view.RecordApplying(value);
            }

            display.Report(value);
        }
    }

    /// <summary>One progress bar per step, updated from any thread.</summary>
    private sealed class BarProgress(ProgressContext progressContext) : IProgress<SyncProgress>
    {
        private readonly Dictionary<SyncStage, ProgressTask> tasks = [];
        private readonly Lock gate = new();

        public void Report(SyncProgress value)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(value.Stage, out var task))
                {
                    task = progressContext.AddTask(Describe(value.Stage), maxValue: Math.Max(1, value.Total));
                    tasks.Add(value.Stage, task);
                }

                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Completed;
                task.Description = value.Alias is null ? Describe(value.Stage) : $"{Describe(value.Stage)} ({Markup.Escape(TerminalText.Escape(value.Alias))})";
            }
        }
    }

    /// <summary>Plain lines: one when a step starts, and while applying one per tenth of the changes.</summary>
    private sealed class PlainProgress(TextWriter error) : IProgress<SyncProgress>
    {
        private readonly Lock gate = new();
        private SyncStage? stage;
        private int lastTenth = -1;

        public void Report(SyncProgress value)
        {
            lock (gate)
            {
                if (stage != value.Stage)
                {
                    stage = value.Stage;
                    lastTenth = -1;
                    error.WriteLine($"{Describe(value.Stage)}...");
                }

                if (value.Stage != SyncStage.Applying || value.Total == 0)
                {
                    return;
                }

                var tenth = value.Completed * 10 / value.Total;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    error.WriteLine($"  {value.Completed} of {value.Total} changes written");
                }
            }
        }
    }
}
