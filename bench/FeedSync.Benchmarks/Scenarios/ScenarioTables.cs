using System.Globalization;
using System.Text;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>Formats scenario results as Markdown tables and checks FeedSync's targets.</summary>
internal static class ScenarioTables
{
    /// <summary>The most write calls the initial load of the real 48-hour export may take: "a handful".</summary>
    public const int InitialLoadWriteLimit = 10;

    /// <summary>Returns one row per strategy and run with every measured cost.</summary>
    public static string Costs(IReadOnlyList<StrategyResults> results)
    {
        var text = new StringBuilder();
        text.Append("\n| Strategy | Run | Indicators | Changed rows | Rows sent | Reads | Writes | Deletes | 429 answers | Retries | Wall time | Notes |\n");
        text.Append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        foreach (var result in results)
        {
            foreach (var (run, outcome) in result.Runs)
            {
                var cost = outcome.Cost;
                text.Append(CultureInfo.InvariantCulture,
                    $"| {result.Strategy} | {run} | {outcome.Indicators:N0} | {Optional(outcome.Changes)} | {outcome.RowsSent:N0} | {cost.Reads:N0} | {cost.Writes:N0} | {cost.Deletes:N0} | {cost.Throttled:N0} | {cost.Retries:N0} | {Time(cost.WallTime)} | {Notes(result, outcome)} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Returns the naive strategies' write calls and wall time as multiples of FeedSync's, per run.</summary>
    public static string Ratios(IReadOnlyList<StrategyResults> results)
    {
        var feedSync = results.FirstOrDefault(result => result.Strategy == "FeedSync");
        var naive = results.Where(result => result.Strategy != "FeedSync").ToList();
        if (feedSync is null || naive.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append("\nNaive strategies as multiples of FeedSync (write calls are writes plus deletes; rows sent are rows written or uploaded, which Log Analytics ingests again):\n\n");
        text.Append("| Strategy | Run | Write calls | FeedSync write calls | Write-call ratio | Rows-sent ratio | Wall-time ratio |\n");
        text.Append("|---|---|--:|--:|--:|--:|--:|\n");
        foreach (var strategy in naive)
        {
            foreach (var ((run, outcome), (_, baseline)) in strategy.Runs.Zip(feedSync.Runs))
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {strategy.Strategy} | {run} | {outcome.Cost.WriteCalls:N0} | {baseline.Cost.WriteCalls:N0} | {Ratio(outcome.Cost.WriteCalls, baseline.Cost.WriteCalls)} | {Ratio(outcome.RowsSent, baseline.RowsSent)} | {Ratio(outcome.Cost.WallTime.TotalSeconds, baseline.Cost.WallTime.TotalSeconds)} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Checks FeedSync's targets; returns the checks as a list and whether all passed.</summary>
    public static (string Text, bool Met) Targets(StrategyResults feedSync, bool realPair)
    {
        var checks = new List<(string Check, bool Met)>();

        var noChange = feedSync.NoChange.Cost.WriteCalls;
        checks.Add(($"No-change run makes no writes: {noChange} write calls", noChange == 0));

        var incremental = feedSync.Incremental;
        var allowed = (incremental.Changes ?? 0) + (incremental.BulkRequests ?? 0);
        checks.Add((string.Create(CultureInfo.InvariantCulture,
            $"Incremental run writes no more than its changes plus one per bulk request: {incremental.Cost.WriteCalls:N0} write calls for {incremental.Changes:N0} changed rows and {incremental.BulkRequests:N0} bulk requests (limit {allowed:N0})"),
            incremental.Cost.WriteCalls <= allowed));

        var initial = feedSync.Initial;
        if (realPair)
        {
            checks.Add((string.Create(CultureInfo.InvariantCulture,
                $"Initial load of the real export takes a handful of writes: {initial.Cost.WriteCalls:N0} write calls ({initial.BulkRequests:N0} bulk requests, {initial.Indicators:N0} indicators; limit {InitialLoadWriteLimit})"),
                initial.Cost.WriteCalls <= InitialLoadWriteLimit));
        }

        checks.Add((string.Create(CultureInfo.InvariantCulture,
            $"Every run succeeded: {string.Join(", ", feedSync.Runs.Select(run => run.Result.Outcome))}"),
            feedSync.Runs.All(run => run.Result.Outcome == "Succeeded")));

        var text = new StringBuilder("\nFeedSync targets:\n\n");
        foreach (var (check, met) in checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {(met ? "Met" : "MISSED")}: {check}\n");
        }

        return (text.ToString(), checks.All(check => check.Met));
    }

    private static string Notes(StrategyResults result, RunResult outcome)
    {
        var notes = new List<string>();
        if (result.Estimated)
        {
            notes.Add($"estimate: {result.EstimateBasis}");
        }
        else if (outcome.Outcome != "Succeeded")
        {
            notes.Add(outcome.Outcome);
        }

        if (outcome.BulkRequests is { } bulk)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{bulk:N0} bulk requests"));
        }

        if (outcome.LongestGap is { } gap)
        {
            notes.Add($"watchlist missing or partial for up to {Time(gap)}");
        }

        return string.Join("; ", notes);
    }

    private static string Optional(long? value) => value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "n/a";

    private static string Time(TimeSpan time) => time.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:F1} min");

    private static string Ratio(double value, double baseline) => baseline <= 0
        ? (value <= 0 ? "1.0x" : "FeedSync: none")
        : string.Create(CultureInfo.InvariantCulture, $"{value / baseline:N1}x");
}
