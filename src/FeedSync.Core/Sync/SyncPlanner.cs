using FeedSync.Normalisation;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Options;

namespace FeedSync.Sync;

/// <summary>Reads the managed watchlists through the ARM list API and plans the changes the feed's indicators call for.</summary>
internal sealed class SyncPlanner(ISentinelWorkspace workspace, IOptions<SyncOptions> options)
{
    /// <summary>
    /// Plans every managed watchlist in scope: all four, or with a kind filter those that hold the filtered kinds.
    /// Makes only read calls.
    /// </summary>
    public async Task<SyncPlan> PlanAsync(
        IReadOnlyList<Indicator> indicators,
        IndicatorFilter filter,
        DateTimeOffset asOf,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(filter);

        var settings = options.Value;
        var groups = WatchlistLayout.Groups
            .Where(group => filter.Kinds.Count == 0 || group.Any(filter.Kinds.Contains))
            .ToList();
        var indicatorsBySuffix = GroupByWatchlist(indicators);

        var plans = new List<WatchlistPlan>(groups.Count);
        foreach (var group in groups)
        {
            var descriptor = WatchlistLayout.Describe(group, settings.AliasPrefix);
            progress?.Report(new SyncProgress(SyncStage.ReadingWatchlists, descriptor.Alias, plans.Count, groups.Count));

            var existing = await workspace.GetWatchlistAsync(descriptor.Alias, cancellationToken);
            var rows = existing is null ? [] : await ReadRowsAsync(descriptor.Alias, cancellationToken);
            var plan = WatchlistDiffer.Plan(descriptor, existing is not null, indicatorsBySuffix.GetValueOrDefault(WatchlistAliases.SuffixFor(group[0])) ?? [], rows, asOf, settings);
            plans.Add(plan with { Retention = settings.RetentionFor(group[0]) });
        }

        progress?.Report(new SyncProgress(SyncStage.ReadingWatchlists, null, plans.Count, groups.Count));
        return new SyncPlan(asOf, plans);
    }

    /// <summary>
    /// Splits the feed by watchlist, keyed by <see cref="WatchlistAliases.SuffixFor"/>, keeping the feed's order. Each
    /// list is sized exactly and found through an array indexed by kind, because a feed of a million indicators would
    /// otherwise grow the lists by copying and hash a key per indicator.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An indicator has a kind that no watchlist holds.</exception>
    internal static Dictionary<string, List<Indicator>> GroupByWatchlist(IReadOnlyList<Indicator> indicators)
    {
        var counts = new int[Enum.GetValues<IndicatorKind>().Max(kind => (int)kind) + 1];
        foreach (var indicator in indicators)
        {
            if ((uint)indicator.Kind >= (uint)counts.Length)
            {
                WatchlistAliases.SuffixFor(indicator.Kind);
            }

            counts[(int)indicator.Kind]++;
        }

        var present = Enumerable.Range(0, counts.Length).Where(kind => counts[kind] > 0).Select(kind => (IndicatorKind)kind).ToList();
        var groups = new Dictionary<string, List<Indicator>>(StringComparer.Ordinal);
        foreach (var group in present.GroupBy(WatchlistAliases.SuffixFor, StringComparer.Ordinal))
        {
            groups.Add(group.Key, new List<Indicator>(group.Sum(kind => counts[(int)kind])));
        }

        var listByKind = new List<Indicator>?[counts.Length];
        foreach (var kind in present)
        {
            listByKind[(int)kind] = groups[WatchlistAliases.SuffixFor(kind)];
        }

        foreach (var indicator in indicators)
        {
            listByKind[(int)indicator.Kind]!.Add(indicator);
        }

        return groups;
    }

    private async Task<List<WatchlistRow>> ReadRowsAsync(string alias, CancellationToken cancellationToken)
    {
        var rows = new List<WatchlistRow>();
        await foreach (var row in workspace.ListWatchlistRowsAsync(alias, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
