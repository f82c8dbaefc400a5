using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FeedSync.Benchmarks.Data;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// Measures what a sync costs in ARM calls and wall time through the emulator with ARM's throttling model: for the
/// real before/after export pair and for generated feeds of the configured sizes, an initial load, an incremental
/// run and a run with no change, by FeedSync and by two naive strategies. Prints a Markdown report and writes it to
/// <see cref="ScenarioOptions.Output"/>.
/// </summary>
internal sealed class ScenarioRunner(ScenarioOptions options, TextWriter output)
{
    private readonly StringBuilder report = new();
    private readonly Dictionary<string, Calibration> calibrations = [];

    /// <summary>Runs <c>scenarios [options]</c> and returns the process exit code.</summary>
    public static async Task<int> MainAsync(IReadOnlyList<string> arguments)
    {
        ScenarioOptions options;
        try
        {
            options = ScenarioOptions.Parse(arguments);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"scenarios: {exception.Message}");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, args) =>
        {
            args.Cancel = true;
            cancellation.Cancel();
        };

        var runner = new ScenarioRunner(options, Console.Out);
        var allTargetsMet = await runner.RunAsync(arguments, cancellation.Token);
        return allTargetsMet ? 0 : 1;
    }

    /// <summary>Runs every scenario; returns whether FeedSync met every target it was checked against.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Write(MachineDescription.Header(arguments));
        var pair = await ReplicatedExportPair.LoadAsync(cancellationToken);
        Write($"Data: the real exports of 2026-07-24 at 08:38 and 14:04 UTC. Newer export: {pair.DescribeDistribution()}\n");

        var targetsMet = true;
        if (options.RealPair)
        {
            var real = new Scenario(
                "Real export pair",
                ScenarioFeed.FromFile("export 08:38", SharedExports.BeforePath),
                ScenarioFeed.FromFile("export 14:04", SharedExports.AfterPath));
            targetsMet &= await RunScenarioAsync(real, realPair: true, cancellationToken);
        }

        foreach (var size in options.Sizes)
        {
            var (before, after) = pair.Replicate(size);
            var generated = new Scenario(
                string.Create(CultureInfo.InvariantCulture, $"Generated, {size:N0} indicators"),
                ScenarioFeed.FromRecords("replicated 08:38", before),
                ScenarioFeed.FromRecords("replicated 14:04", after));
            targetsMet &= await RunScenarioAsync(generated, realPair: false, cancellationToken);
        }

        Write(MachineDescription.Footer());
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.Output));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(options.Output, report.ToString(), cancellationToken);
        await output.WriteLineAsync($"Report written to {Path.GetFullPath(options.Output)}");
        return targetsMet;
    }

    private async Task<bool> RunScenarioAsync(Scenario scenario, bool realPair, CancellationToken cancellationToken)
    {
        Write($"\n### {scenario.Name}\n");
        var results = new List<StrategyResults>();
        foreach (var name in options.Strategies)
        {
            results.Add(await RunStrategyAsync(name, scenario, cancellationToken));
        }

        Write(ScenarioTables.Costs(results));
        Write(ScenarioTables.Ratios(results));
        var feedSync = results.FirstOrDefault(result => result.Strategy == "FeedSync" && !result.Estimated);
        if (feedSync is null)
        {
            return true;
        }

        var (text, met) = ScenarioTables.Targets(feedSync, realPair);
        Write(text);
        return met;
    }

    private async Task<StrategyResults> RunStrategyAsync(string name, Scenario scenario, CancellationToken cancellationToken)
    {
        var indicators = await CountIndicatorsAsync(scenario, cancellationToken);
        var estimate = Estimate(name, indicators);
        if (estimate is not null && estimate.TotalTime > options.Budget)
        {
            await output.WriteLineAsync($"{scenario.Name}, {name}: estimated {estimate.TotalTime:hh\\:mm\\:ss}, over the {options.Budget} budget; estimating instead of running.");
            return estimate;
        }

        await output.WriteLineAsync($"{scenario.Name}, {name}: running.");
        await using var strategy = await StartAsync(name, cancellationToken);
        var initial = await strategy.RunAsync(scenario.Before, SharedExports.BeforeTime, cancellationToken);
        var incremental = await strategy.RunAsync(scenario.After, SharedExports.AfterTime, cancellationToken);
        var noChange = await strategy.RunAsync(scenario.After, SharedExports.AfterTime, cancellationToken);

        var measured = new StrategyResults(strategy.Name, Estimated: false, EstimateBasis: null, initial, incremental, noChange);
        calibrations[name] = new Calibration(indicators, measured);
        return measured;
    }

    /// <summary>
    /// Estimates a strategy's runs at <paramref name="indicators"/> by scaling its last measurement linearly, or for
    /// the write-every-item strategy without one, from ARM's write budget. Returns null when there is nothing to scale.
    /// </summary>
    private StrategyResults? Estimate(string name, long indicators)
    {
        if (calibrations.TryGetValue(name, out var calibration))
        {
            return calibration.ScaleTo(indicators);
        }

        if (name != "write-every-item")
        {
            return null;
        }

        // One PUT per indicator per run at 10 a second after a burst of 200, plus the four watchlist reads.
        var seconds = Math.Max(0, indicators - 200) / 10.0;
        var run = new RunResult(new RunCost(4, indicators, 0, 0, 0, TimeSpan.FromSeconds(seconds)), indicators, indicators, "Estimated");
        return new StrategyResults("Write every item", Estimated: true, "ARM's write budget of 10 a second after a burst of 200", run, run, run);
    }

    private static async Task<long> CountIndicatorsAsync(Scenario scenario, CancellationToken cancellationToken) =>
        (await scenario.After.ReadAsync(SharedExports.AfterTime, cancellationToken)).Indicators.Count;

    private async Task<ISyncStrategy> StartAsync(string name, CancellationToken cancellationToken) => name switch
    {
        "feedsync" => await FeedSyncStrategy.StartAsync(options.DeleteDuration, cancellationToken),
        "write-every-item" => await WriteEveryItemStrategy.StartAsync(options.DeleteDuration, cancellationToken),
        _ => await RecreateWatchlistStrategy.StartAsync(options.DeleteDuration, cancellationToken),
    };

    private void Write(string text)
    {
        report.Append(text);
        output.Write(text);
    }

    private sealed record Scenario(string Name, ScenarioFeed Before, ScenarioFeed After);

    /// <summary>A strategy's measurement at a known feed size, the basis of estimates at other sizes.</summary>
    private sealed record Calibration(long Indicators, StrategyResults Measured)
    {
        public StrategyResults ScaleTo(long indicators)
        {
            var factor = (double)indicators / Indicators;
            return Measured with
            {
                Estimated = true,
                EstimateBasis = string.Create(CultureInfo.InvariantCulture, $"scaled linearly from the measurement at {Indicators:N0} indicators"),
                Initial = Scale(Measured.Initial, factor),
                Incremental = Scale(Measured.Incremental, factor),
                NoChange = Scale(Measured.NoChange, factor),
            };
        }

        private static RunResult Scale(RunResult run, double factor)
        {
            long Times(long value) => (long)Math.Round(value * factor);
            var cost = run.Cost;
            return new RunResult(
                new RunCost(Times(cost.Reads), Times(cost.Writes), Times(cost.Deletes), Times(cost.Throttled), Times(cost.Retries), cost.WallTime * factor),
                Times(run.Indicators),
                Times(run.RowsSent),
                "Estimated")
            {
                Changes = run.Changes is { } changes ? Times(changes) : null,
                BulkRequests = run.BulkRequests is { } bulk ? Times(bulk) : null,
                LongestGap = run.LongestGap * factor,
            };
        }
    }
}

/// <summary>The three runs of one strategy in one scenario, measured or estimated.</summary>
internal sealed record StrategyResults(string Strategy, bool Estimated, string? EstimateBasis, RunResult Initial, RunResult Incremental, RunResult NoChange)
{
    public IEnumerable<(string Run, RunResult Result)> Runs =>
        [("Initial load", Initial), ("Incremental", Incremental), ("No change", NoChange)];

    public TimeSpan TotalTime => Initial.Cost.WallTime + Incremental.Cost.WallTime + NoChange.Cost.WallTime;
}

/// <summary>Describes the machine and the invocation, as every benchmark record must.</summary>
internal static class MachineDescription
{
    public static string Header(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        text.Append("## Scenario runner results\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n");
        text.Append(CultureInfo.InvariantCulture, $"- Command: `dotnet run -c Release --project bench/FeedSync.Benchmarks -- scenarios {string.Join(' ', arguments)}`\n");
        text.Append(CultureInfo.InvariantCulture, $"- Machine: {CpuModel()}, {Environment.ProcessorCount} logical cores (nproc), {MemoryGiB()} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}\n");
        text.Append(CultureInfo.InvariantCulture, $"- Load average at start (1, 5, 15 minutes): {LoadAverage()}\n");
        return text.ToString();
    }

    public static string Footer() =>
        string.Create(CultureInfo.InvariantCulture, $"\n- Load average at end (1, 5, 15 minutes): {LoadAverage()}\n");

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGiB()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(entry => entry.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kibibytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..]
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return kibibytes == 0 ? "unknown" : string.Create(CultureInfo.InvariantCulture, $"{kibibytes / 1024.0 / 1024.0:F1} GiB");
    }

    private static string LoadAverage() =>
        ReadLines("/proc/loadavg").FirstOrDefault() is { } line ? string.Join(", ", line.Split(' ').Take(3)) : "unknown";

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
