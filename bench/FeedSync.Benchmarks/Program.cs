using BenchmarkDotNet.Running;
using FeedSync.Benchmarks.Scenarios;

namespace FeedSync.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet's switcher), or with <c>scenarios</c> as the first
/// argument the scenario runner, which measures ARM calls and wall time of whole syncs through the emulator.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        if (args.Length > 0 && args[0] == "scenarios")
        {
            return await ScenarioRunner.MainAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
