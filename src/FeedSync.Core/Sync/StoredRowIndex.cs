using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Sync;

/// <summary>
/// A watchlist's current rows grouped by the <see cref="WatchlistColumns.IndicatorId"/> column: one keeper per
/// managed indicator at a position in the order the rows came, the duplicates to delete, and the counts of the rest.
/// </summary>
internal sealed class StoredRowIndex
{
    private readonly Dictionary<Guid, int> positions;
    private readonly List<Guid> indicatorIds;
    private readonly List<WatchlistRow> keepers;

    private StoredRowIndex(int capacity)
    {
        positions = new Dictionary<Guid, int>(capacity);
        indicatorIds = new List<Guid>(capacity);
        keepers = new List<WatchlistRow>(capacity);
    }

    /// <summary>The number of distinct managed indicators, each with one keeper.</summary>
    public int Count => keepers.Count;

    /// <summary>Extra managed rows of an indicator that already has a keeper, grouped by indicator in the order the groups came.</summary>
    public List<PlannedRemoval> Duplicates { get; } = [];

    /// <summary>Rows without the FeedSync marker.</summary>
    public int UnmanagedCount { get; private set; }

    /// <summary>Rows with the FeedSync marker but without a readable indicator id.</summary>
    public int UnreadableCount { get; private set; }

    /// <summary>Groups <paramref name="rows"/> and chooses the keeper of every indicator that has several rows.</summary>
    public static StoredRowIndex Read(IReadOnlyCollection<WatchlistRow> rows)
    {
        var list = rows as IReadOnlyList<WatchlistRow> ?? [.. rows];
        var indicatorIds = ReadIndicatorIds(list);

        var index = new StoredRowIndex(list.Count);
        Dictionary<int, List<WatchlistRow>>? groups = null;
        for (var rowIndex = 0; rowIndex < list.Count; rowIndex++)
        {
            var row = list[rowIndex];
            if (indicatorIds[rowIndex] is not { } indicatorId)
            {
                if (IsManaged(row))
                {
                    index.UnreadableCount++;
                }
                else
                {
                    index.UnmanagedCount++;
                }

                continue;
            }

            if (index.positions.TryAdd(indicatorId, index.keepers.Count))
            {
                index.indicatorIds.Add(indicatorId);
                index.keepers.Add(row);
                continue;
            }

            // Only indicators with more than one row get a group, so the common case allocates no list per row.
            groups ??= [];
            var position = index.positions[indicatorId];
            if (!groups.TryGetValue(position, out var group))
            {
                group = [index.keepers[position]];
                groups.Add(position, group);
            }

            group.Add(row);
        }

        if (groups is not null)
        {
            index.ChooseKeepers(groups);
        }

        return index;
    }

    /// <summary>Returns the position of the keeper of <paramref name="indicatorId"/>, when there is one.</summary>
    public bool TryFind(Guid indicatorId, out int position) => positions.TryGetValue(indicatorId, out position);

    /// <summary>Returns the indicator id of the keeper at <paramref name="position"/>.</summary>
    public Guid IndicatorIdAt(int position) => indicatorIds[position];

    /// <summary>Returns the keeper at <paramref name="position"/>.</summary>
    public WatchlistRow KeeperAt(int position) => keepers[position];

    private void ChooseKeepers(Dictionary<int, List<WatchlistRow>> groups)
    {
        foreach (var position in groups.Keys.Order())
        {
            var indicatorId = indicatorIds[position];
            var keeper = ChooseKeeper(indicatorId, groups[position]);
            keepers[position] = keeper;
            foreach (var row in groups[position])
            {
                if (row.ItemId != keeper.ItemId)
                {
                    Duplicates.Add(new PlannedRemoval(row.ItemId, indicatorId, row.Columns.GetValueOrDefault(WatchlistColumns.Indicator) ?? string.Empty));
                }
            }
        }
    }

    /// <summary>Reads the indicator id of every managed row in parallel; null for unmanaged rows and unreadable ids.</summary>
    private static Guid?[] ReadIndicatorIds(IReadOnlyList<WatchlistRow> rows)
    {
        var indicatorIds = new Guid?[rows.Count];
        ParallelRanges.For(rows.Count, (start, end) =>
        {
            for (var index = start; index < end; index++)
            {
                var row = rows[index];
                if (IsManaged(row) && Guid.TryParse(row.Columns.GetValueOrDefault(WatchlistColumns.IndicatorId), out var indicatorId))
                {
                    indicatorIds[index] = indicatorId;
                }
            }
        });

        return indicatorIds;
    }

    private static bool IsManaged(WatchlistRow row) =>
        row.Columns.TryGetValue(WatchlistColumns.ManagedBy, out var marker)
        && string.Equals(marker, WatchlistColumns.ManagedByValue, StringComparison.Ordinal);

    /// <summary>
    /// Keeps the row stored under the deterministic id when there is one, else the first readable row by item id,
    /// so every run picks the same keeper.
    /// </summary>
    private static WatchlistRow ChooseKeeper(Guid indicatorId, List<WatchlistRow> group) =>
        group
            .OrderByDescending(row => row.ItemId == indicatorId)
            .ThenByDescending(row => IndicatorRowMapper.TryParse(row.Columns, out _))
            .ThenBy(row => row.ItemId)
            .First();
}
