using FeedSync.Normalisation;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Sync;

/// <summary>
/// Compares the feed's indicators with a watchlist's current rows and classifies each indicator as add,
/// update, unchanged or expire. Pure: it reads nothing and writes nothing.
/// </summary>
/// <remarks>
/// Rows are matched on the <see cref="WatchlistColumns.IndicatorId"/> column, not on the item id, because rows
/// uploaded through <c>rawContent</c> get item ids that the service assigns. Only rows whose
/// <see cref="WatchlistColumns.ManagedBy"/> is <see cref="WatchlistColumns.ManagedByValue"/> are ever changed or removed.
/// Most indicators of a run end unchanged, so each stored row is first compared cell by cell with what the indicator
/// would produce (<see cref="UnchangedRowCheck"/>), which allocates nothing. Only the rows that check cannot prove
/// unchanged are built, merged and converted to columns, the plain definition of the plan.
/// </remarks>
internal static class WatchlistDiffer
{
    /// <summary>Plans the changes to one watchlist as of <paramref name="asOf"/>.</summary>
    /// <param name="descriptor">The watchlist's properties.</param>
    /// <param name="exists">Whether the workspace already has the watchlist.</param>
    /// <param name="indicators">The feed's indicators that belong in this watchlist.</param>
    /// <param name="rows">Every current row of the watchlist, as the list API returned them.</param>
    /// <param name="asOf">The time that expiry is evaluated at.</param>
    /// <param name="options">The granularity and retention settings.</param>
    public static WatchlistPlan Plan(
        WatchlistDescriptor descriptor,
        bool exists,
        IEnumerable<Indicator> indicators,
        IReadOnlyCollection<WatchlistRow> rows,
        DateTimeOffset asOf,
        SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);

        var feed = indicators as IReadOnlyList<Indicator> ?? [.. indicators];
        var stored = StoredRowIndex.Read(rows);
        var builder = new PlanBuilder(rows, stored, asOf, options);

        var matches = builder.CompareFeed(feed);
        builder.ReserveRetained(feed.Count + stored.Count - matches.Count(match => match.Position >= 0));
        for (var index = 0; index < feed.Count; index++)
        {
            builder.PlanIndicator(feed[index], matches[index]);
        }

        var unchangedStored = builder.CompareUnmentioned();
        for (var position = 0; position < stored.Count; position++)
        {
            builder.PlanUnmentioned(position, unchangedStored[position]);
        }

        return builder.Build(descriptor, exists);
    }

    /// <summary>Returns the FeedSync columns whose stored and desired values differ; a missing column equals an empty one.</summary>
    public static IReadOnlyList<string> ChangedColumns(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> desired)
    {
        var changed = new List<string>();
        foreach (var column in WatchlistColumns.All)
        {
            var storedValue = stored.TryGetValue(column, out var value) ? value : string.Empty;
            var desiredValue = desired.TryGetValue(column, out var wanted) ? wanted : string.Empty;
            if (!string.Equals(storedValue, desiredValue, StringComparison.Ordinal))
            {
                changed.Add(column);
            }
        }

        return changed;
    }

    /// <summary>
    /// The plan of one watchlist while it is built: feed indicators first, in feed order, then the stored rows the feed
    /// did not mention. Each half first compares every item in parallel, which is pure, and then plans the items in
    /// order on one thread, so the plan's order and its choices do not depend on scheduling.
    /// </summary>
    private sealed class PlanBuilder(IReadOnlyCollection<WatchlistRow> rows, StoredRowIndex stored, DateTimeOffset asOf, SyncOptions options)
    {
        private readonly TimeSpan granularity = options.Granularity;
        private readonly Func<IndicatorKind, TimeSpan> retentionFor = options.RetentionFor;
        private readonly bool[] mentioned = new bool[stored.Count];
        private readonly HashSet<Guid> newIndicatorIds = [];
        private readonly List<PlannedRow> adds = [];
        private readonly List<PlannedRow> updates = [];
        private readonly List<PlannedRemoval> expiries = [];
        private readonly RetainedRows retained = new(options);
        private HashSet<Guid>? takenItemIds;
        private int unchanged;
        private int skippedExpired;

        /// <summary>
        /// Computes every feed indicator's id, finds its stored row, and checks whether that row stays unchanged
        /// (<see cref="UnchangedRowCheck.MatchesMergedRow"/>) and inside its retention.
        /// </summary>
        public FeedMatch[] CompareFeed(IReadOnlyList<Indicator> feed)
        {
            var matches = new FeedMatch[feed.Count];
            ParallelRanges.For(feed.Count, (start, end) =>
            {
                for (var index = start; index < end; index++)
                {
                    matches[index] = Compare(feed[index]);
                }
            });

            return matches;
        }

        /// <summary>
        /// Makes room for <paramref name="maxCount"/> retained rows: at most one per feed indicator that is not a
        /// repeat of an earlier one, plus one per stored row that the feed does not mention.
        /// </summary>
        public void ReserveRetained(int maxCount) => retained.EnsureCapacity(maxCount);

        /// <summary>Plans one feed indicator; a later indicator with the same id as an earlier one is ignored.</summary>
        public void PlanIndicator(Indicator indicator, FeedMatch match)
        {
            var retention = retentionFor(indicator.Kind);
            if (match.Position < 0)
            {
                PlanNew(indicator, retention);
                return;
            }

            if (mentioned[match.Position])
            {
                return;
            }

            mentioned[match.Position] = true;
            var keeper = stored.KeeperAt(match.Position);
            if (match.Unchanged)
            {
                unchanged++;
                retained.AddMerged(keeper.Columns, indicator);
                return;
            }

            var fresh = IndicatorRowMapper.FromIndicator(indicator, granularity, retention);
            var desired = IndicatorRowMapper.TryParse(keeper.Columns, out var storedRow)
                ? IndicatorRowMapper.Merge(storedRow, fresh, granularity, retention)
                : fresh;
            Classify(keeper, desired);
        }

        /// <summary>
        /// Checks every stored row that the feed did not mention: whether it stays unchanged once its expiry is
        /// recomputed (<see cref="UnchangedRowCheck.MatchesStoredRow"/>) and is still inside its retention.
        /// </summary>
        public bool[] CompareUnmentioned()
        {
            var unchangedStored = new bool[stored.Count];
            ParallelRanges.For(stored.Count, (start, end) =>
            {
                for (var position = start; position < end; position++)
                {
                    unchangedStored[position] = !mentioned[position]
                        && UnchangedRowCheck.MatchesStoredRow(stored.KeeperAt(position).Columns, stored.IndicatorIdAt(position), granularity, retentionFor, out var expiresOn)
                        && expiresOn > asOf;
                }
            });

            return unchangedStored;
        }

        /// <summary>Plans the keeper at <paramref name="position"/> when the feed did not mention it: only its expiry is recomputed.</summary>
        public void PlanUnmentioned(int position, bool isUnchanged)
        {
            if (mentioned[position])
            {
                return;
            }

            var keeper = stored.KeeperAt(position);
            if (isUnchanged)
            {
                unchanged++;
                retained.AddStored(keeper.Columns);
                return;
            }

            // A row that cannot be read stays as it is, and is not in the retained rows.
            if (!IndicatorRowMapper.TryParse(keeper.Columns, out var storedRow))
            {
                unchanged++;
                return;
            }

            Classify(keeper, IndicatorRowMapper.WithExpiry(storedRow, granularity, retentionFor(storedRow.Kind)));
        }

        public WatchlistPlan Build(WatchlistDescriptor descriptor, bool exists) => new()
        {
            Descriptor = descriptor,
            Exists = exists,
            Adds = adds,
            Updates = updates,
            Expiries = expiries,
            Duplicates = stored.Duplicates,
            Unchanged = unchanged,
            SkippedExpired = skippedExpired,
            ManagedIndicators = stored.Count,
            UnmanagedRows = stored.UnmanagedCount,
            UnreadableRows = stored.UnreadableCount,
            Retained = retained,
        };

        private FeedMatch Compare(Indicator indicator)
        {
            ArgumentNullException.ThrowIfNull(indicator);

            var indicatorId = IndicatorIds.For(indicator);
            if (!stored.TryFind(indicatorId, out var position))
            {
                return new FeedMatch(-1, Unchanged: false);
            }

            var unchangedRow = UnchangedRowCheck.MatchesMergedRow(stored.KeeperAt(position).Columns, indicator, indicatorId, granularity, retentionFor(indicator.Kind), out var expiresOn)
                && expiresOn > asOf;
            return new FeedMatch(position, unchangedRow);
        }

        /// <summary>
        /// Plans an indicator that no managed row holds: an addition, unless it is already past its retention or an
        /// earlier feed indicator had the same id.
        /// </summary>
        private void PlanNew(Indicator indicator, TimeSpan retention)
        {
            var fresh = IndicatorRowMapper.FromIndicator(indicator, granularity, retention);
            if (!newIndicatorIds.Add(fresh.IndicatorId))
            {
                return;
            }

            if (fresh.ExpiresOn <= asOf)
            {
                skippedExpired++;
                return;
            }

            adds.Add(new PlannedRow(FreeItemId(fresh.IndicatorId), fresh.IndicatorId, fresh.Value, IndicatorRowMapper.ToColumns(fresh), WatchlistColumns.All));
            retained.Add(fresh);
        }

        /// <summary>
        /// Returns the item id an addition is written under: the indicator id, or its alternate when another row already
        /// has that item id. Marks the returned id as taken.
        /// </summary>
        private Guid FreeItemId(Guid indicatorId)
        {
            if (takenItemIds is null)
            {
                takenItemIds = new HashSet<Guid>(rows.Count);
                foreach (var row in rows)
                {
                    takenItemIds.Add(row.ItemId);
                }
            }

            var itemId = takenItemIds.Contains(indicatorId) ? IndicatorIds.AlternateItemId(indicatorId) : indicatorId;
            takenItemIds.Add(itemId);
            return itemId;
        }

        /// <summary>Classifies a stored row against the row it should hold: expire, update or unchanged.</summary>
        private void Classify(WatchlistRow keeper, IndicatorRow desired)
        {
            if (desired.ExpiresOn <= asOf)
            {
                expiries.Add(new PlannedRemoval(keeper.ItemId, desired.IndicatorId, desired.Value));
                return;
            }

            retained.Add(desired);
            var columns = IndicatorRowMapper.ToColumns(desired);
            var changed = ChangedColumns(keeper.Columns, columns);
            if (changed.Count == 0)
            {
                unchanged++;
                return;
            }

            updates.Add(new PlannedRow(keeper.ItemId, desired.IndicatorId, desired.Value, columns, changed));
        }
    }

    /// <summary>The position of a feed indicator's stored keeper (-1 when none), and whether that row stays unchanged.</summary>
    private readonly record struct FeedMatch(int Position, bool Unchanged);
}
