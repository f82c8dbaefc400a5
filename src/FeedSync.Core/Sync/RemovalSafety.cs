using System.Globalization;
using System.Text;

namespace FeedSync.Sync;

/// <summary>The rule that stops a run which would remove too large a share of a watchlist.</summary>
internal static class RemovalSafety
{
    /// <summary>
    /// Returns why the plan must stop, naming each watchlist whose removals exceed <paramref name="thresholdPercent"/>
    /// of its managed indicators, or null when none does. Deleting duplicate rows does not count: it removes no indicator.
    /// </summary>
    public static string? Check(SyncPlan plan, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(plan);

        var threshold = thresholdPercent / 100;
        var offenders = plan.Watchlists.Where(watchlist => watchlist.RemovalShare > threshold).ToList();
        if (offenders.Count == 0)
        {
            return null;
        }

        var reason = new StringBuilder();
        reason.Append(CultureInfo.InvariantCulture, $"Nothing was written: the plan removes more than {thresholdPercent}% of the managed indicators of ");
        reason.AppendJoin(", ", offenders.Select(watchlist => string.Create(CultureInfo.InvariantCulture,
            $"{watchlist.Alias} ({watchlist.Expiries.Count} of {watchlist.ManagedIndicators}, {watchlist.RemovalShare * 100:0.#}%, past their {FormatRetention(watchlist.Retention)} retention as of {plan.AsOf:yyyy-MM-dd'T'HH:mm:ss'Z'})")));
        reason.Append(". Check the clock and the retention settings (FeedSync:Sync:Retention), or run again with --force to apply the removals.");
        return reason.ToString();
    }

    /// <summary>Formats a retention as whole days when it is whole days, else as a time span.</summary>
    public static string FormatRetention(TimeSpan retention) =>
        retention.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{retention.Days}-day")
            : retention.ToString("c", CultureInfo.InvariantCulture);
}
