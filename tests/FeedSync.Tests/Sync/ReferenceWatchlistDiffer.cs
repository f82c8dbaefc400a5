using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

/// <summary>
/// The straightforward watchlist differ that <see cref="WatchlistDiffer"/> replaced, kept as the reference for
/// equivalence tests. For every indicator it builds the feed's row, parses the stored row, merges the two, converts
/// the result to columns and compares them with the stored columns. It is slow and allocates several kilobytes per
/// indicator, but every step is the plain definition of the plan.
/// </summary>
internal static class ReferenceWatchlistDiffer
{
    /// <summary>Plans the changes to one watchlist, with the same inputs and the same plan as <see cref="WatchlistDiffer.Plan"/>.</summary>
    public static WatchlistPlan Plan(
        WatchlistDescriptor descriptor,
        bool exists,
        IEnumerable<Indicator> indicators,
        IReadOnlyCollection<WatchlistRow> rows,
        DateTimeOffset asOf,
        SyncOptions options)
    {
        var current = CurrentRows.Read(rows);
        var takenItemIds = rows.Select(row => row.ItemId).ToHashSet();
        var granularity = options.Granularity;

        var adds = new List<PlannedRow>();
        var updates = new List<PlannedRow>();
        var expiries = new List<PlannedRemoval>();
        var unchanged = 0;
        var skippedExpired = 0;
        var matched = new HashSet<Guid>();
        var retained = new List<IndicatorRow>();

        foreach (var indicator in indicators)
        {
            var retention = options.RetentionFor(indicator.Kind);
            var fresh = IndicatorRowMapper.FromIndicator(indicator, granularity, retention);
            if (!matched.Add(fresh.IndicatorId))
            {
                continue;
            }

            if (!current.Keepers.TryGetValue(fresh.IndicatorId, out var keeper))
            {
                if (fresh.ExpiresOn <= asOf)
                {
                    skippedExpired++;
                    continue;
                }

                adds.Add(PlanAdd(fresh, takenItemIds));
                retained.Add(fresh);
                continue;
            }

            var desired = IndicatorRowMapper.TryParse(keeper.Columns, out var stored)
                ? IndicatorRowMapper.Merge(stored, fresh, granularity, retention)
                : fresh;
            Classify(keeper, desired, asOf, updates, expiries, ref unchanged);
            KeepUnlessExpired(desired, asOf, retained);
        }

        foreach (var (indicatorId, keeper) in current.Keepers)
        {
            if (matched.Contains(indicatorId))
            {
                continue;
            }

            if (!IndicatorRowMapper.TryParse(keeper.Columns, out var stored))
            {
                unchanged++;
                continue;
            }

            var desired = IndicatorRowMapper.WithExpiry(stored, granularity, options.RetentionFor(stored.Kind));
            Classify(keeper, desired, asOf, updates, expiries, ref unchanged);
            KeepUnlessExpired(desired, asOf, retained);
        }

        return new WatchlistPlan
        {
            Descriptor = descriptor,
            Exists = exists,
            Adds = adds,
            Updates = updates,
            Expiries = expiries,
            Duplicates = current.Duplicates,
            Unchanged = unchanged,
            SkippedExpired = skippedExpired,
            ManagedIndicators = current.Keepers.Count,
            UnmanagedRows = current.UnmanagedCount,
            UnreadableRows = current.UnreadableCount,
            Retained = retained,
        };
    }

    private static void KeepUnlessExpired(IndicatorRow desired, DateTimeOffset asOf, List<IndicatorRow> retained)
    {
        if (desired.ExpiresOn > asOf)
        {
            retained.Add(desired);
        }
    }

    private static List<string> ChangedColumns(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> desired)
    {
        var changed = new List<string>();
        foreach (var column in WatchlistColumns.All)
        {
            var storedValue = stored.TryGetValue(column, out var value) ? value : string.Empty;
            var desiredValue = desired.TryGetValue(column, out var expectedValue) ? expectedValue : string.Empty;
            if (!string.Equals(storedValue, desiredValue, StringComparison.Ordinal))
            {
                changed.Add(column);
            }
        }

        return changed;
    }

    private static void Classify(
        WatchlistRow keeper,
        IndicatorRow desired,
        DateTimeOffset asOf,
        List<PlannedRow> updates,
        List<PlannedRemoval> expiries,
        ref int unchanged)
    {
        if (desired.ExpiresOn <= asOf)
        {
            expiries.Add(new PlannedRemoval(keeper.ItemId, desired.IndicatorId, desired.Value));
            return;
        }

        var columns = IndicatorRowMapper.ToColumns(desired);
        var changed = ChangedColumns(keeper.Columns, columns);
        if (changed.Count == 0)
        {
            unchanged++;
            return;
        }

        updates.Add(new PlannedRow(keeper.ItemId, desired.IndicatorId, desired.Value, columns, changed));
    }

    private static PlannedRow PlanAdd(IndicatorRow fresh, HashSet<Guid> takenItemIds)
    {
        var itemId = takenItemIds.Contains(fresh.IndicatorId)
            ? IndicatorIds.AlternateItemId(fresh.IndicatorId)
            : fresh.IndicatorId;
        takenItemIds.Add(itemId);
        return new PlannedRow(itemId, fresh.IndicatorId, fresh.Value, IndicatorRowMapper.ToColumns(fresh), WatchlistColumns.All);
    }

    private sealed record CurrentRows(
        Dictionary<Guid, WatchlistRow> Keepers,
        List<PlannedRemoval> Duplicates,
        int UnmanagedCount,
        int UnreadableCount)
    {
        public static CurrentRows Read(IEnumerable<WatchlistRow> rows)
        {
            var groups = new Dictionary<Guid, List<WatchlistRow>>();
            var unmanaged = 0;
            var unreadable = 0;
            foreach (var row in rows)
            {
                if (!IsManaged(row))
                {
                    unmanaged++;
                    continue;
                }

                if (!Guid.TryParse(row.Columns.GetValueOrDefault(WatchlistColumns.IndicatorId), out var indicatorId))
                {
                    unreadable++;
                    continue;
                }

                if (!groups.TryGetValue(indicatorId, out var group))
                {
                    group = [];
                    groups.Add(indicatorId, group);
                }

                group.Add(row);
            }

            var keepers = new Dictionary<Guid, WatchlistRow>(groups.Count);
            var duplicates = new List<PlannedRemoval>();
            foreach (var (indicatorId, group) in groups)
            {
                var keeper = ChooseKeeper(indicatorId, group);
                keepers.Add(indicatorId, keeper);
                duplicates.AddRange(group
                    .Where(row => row.ItemId != keeper.ItemId)
                    .Select(row => new PlannedRemoval(row.ItemId, indicatorId, row.Columns.GetValueOrDefault(WatchlistColumns.Indicator) ?? string.Empty)));
            }

            return new CurrentRows(keepers, duplicates, unmanaged, unreadable);
        }

        private static bool IsManaged(WatchlistRow row) =>
            row.Columns.TryGetValue(WatchlistColumns.ManagedBy, out var marker)
            && string.Equals(marker, WatchlistColumns.ManagedByValue, StringComparison.Ordinal);

        private static WatchlistRow ChooseKeeper(Guid indicatorId, List<WatchlistRow> group)
        {
            if (group.Count == 1)
            {
                return group[0];
            }

            return group
                .OrderByDescending(row => row.ItemId == indicatorId)
                .ThenByDescending(row => IndicatorRowMapper.TryParse(row.Columns, out _))
                .ThenBy(row => row.ItemId)
                .First();
        }
    }
}
