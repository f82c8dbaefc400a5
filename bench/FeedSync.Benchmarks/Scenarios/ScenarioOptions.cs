using System.Globalization;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>The settings of one scenario runner invocation, read from its command line.</summary>
internal sealed record ScenarioOptions
{
    /// <summary>The strategy names the command line accepts.</summary>
    public static readonly IReadOnlyList<string> StrategyNames = ["feedsync", "write-every-item", "recreate"];

    /// <summary>The generated feed sizes, in indicators. Default: 10,000, 100,000 and 1,000,000.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000, 1_000_000];

    /// <summary>The strategies to run. Default: all three.</summary>
    public IReadOnlyList<string> Strategies { get; init; } = StrategyNames;

    /// <summary>Whether to run the real export pair. Default: true.</summary>
    public bool RealPair { get; init; } = true;

    /// <summary>
    /// The longest a strategy's three runs of one scenario may take by estimate; above it they are estimated instead
    /// of run. Default: 30 minutes.
    /// </summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the emulator keeps a watchlist delete in progress. Default: zero.</summary>
    public TimeSpan DeleteDuration { get; init; } = TimeSpan.Zero;

    /// <summary>The Markdown file the results are written to, besides standard output.</summary>
    public string Output { get; init; } = Path.Combine("BenchmarkDotNet.Artifacts", "results", "scenarios.md");

    /// <summary>Reads the options; throws <see cref="ArgumentException"/> naming the option and the fix.</summary>
    public static ScenarioOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new ScenarioOptions();
        for (var index = 0; index < arguments.Count; index++)
        {
            var name = arguments[index];
            var value = index + 1 < arguments.Count ? arguments[index + 1] : throw new ArgumentException($"{name} needs a value.");
            index++;
            options = name switch
            {
                "--sizes" => options with { Sizes = ParseSizes(value) },
                "--strategies" => options with { Strategies = ParseStrategies(value) },
                "--real-pair" => options with { RealPair = bool.Parse(value) },
                "--budget-minutes" => options with { Budget = TimeSpan.FromMinutes(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--delete-duration" => options with { DeleteDuration = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option '{name}'. Use --sizes, --strategies, --real-pair, --budget-minutes, --delete-duration or --output."),
            };
        }

        return options;
    }

    private static List<int> ParseSizes(string value)
    {
        var sizes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(size => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"--sizes '{value}' is invalid: use positive whole numbers separated by commas, such as 10000,100000."))
            .ToList();
        return sizes;
    }

    private static List<string> ParseStrategies(string value)
    {
        var strategies = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = strategies.Where(strategy => !StrategyNames.Contains(strategy)).ToList();
        return unknown.Count == 0
            ? strategies
            : throw new ArgumentException($"--strategies names unknown strategies ({string.Join(", ", unknown)}): use {string.Join(", ", StrategyNames)}.");
    }
}
