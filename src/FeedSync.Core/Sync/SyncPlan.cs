using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Sync;

/// <summary>The changes a run makes, or with a dry run would make, to every managed watchlist in scope.</summary>
/// <param name="AsOf">The time that expiry was evaluated at.</param>
/// <param name="Watchlists">One plan per watchlist.</param>
internal sealed record SyncPlan(DateTimeOffset AsOf, IReadOnlyList<WatchlistPlan> Watchlists)
{
    /// <summary>The number of writes and deletes the plan needs, counting each addition once.</summary>
    public int ChangeCount => Watchlists.Sum(watchlist => watchlist.ChangeCount);
}

/// <summary>The changes to one watchlist.</summary>
internal sealed record WatchlistPlan
{
    /// <summary>The properties the watchlist has, or gets when it is created.</summary>
    public required WatchlistDescriptor Descriptor { get; init; }

    /// <summary>False when the workspace has no watchlist with the alias yet.</summary>
    public required bool Exists { get; init; }

    /// <summary>Rows to add.</summary>
    public IReadOnlyList<PlannedRow> Adds { get; init; } = [];

    /// <summary>Managed rows whose stored columns change.</summary>
    public IReadOnlyList<PlannedRow> Updates { get; init; } = [];

    /// <summary>Managed rows past their retention.</summary>
    public IReadOnlyList<PlannedRemoval> Expiries { get; init; } = [];

    /// <summary>Extra managed rows of an indicator that already has a row, left by an interrupted bulk upload.</summary>
    public IReadOnlyList<PlannedRemoval> Duplicates { get; init; } = [];

    /// <summary>Managed indicators whose stored columns stay as they are.</summary>
    public int Unchanged { get; init; }

    /// <summary>Feed indicators not added because they were already past their retention.</summary>
    public int SkippedExpired { get; init; }

    /// <summary>Distinct managed indicators the watchlist held before the run.</summary>
    public int ManagedIndicators { get; init; }

    /// <summary>Rows without the FeedSync marker, which the run never changes.</summary>
    public int UnmanagedRows { get; init; }

    /// <summary>Rows with the FeedSync marker but without a readable indicator id, which the run leaves alone.</summary>
    public int UnreadableRows { get; init; }

    /// <summary>
    /// The managed rows the watchlist holds once the plan is applied: additions, updated and unchanged rows,
    /// without expiries. Rows that cannot be read are not in it.
    /// </summary>
    public IReadOnlyList<IndicatorRow> Retained { get; init; } = [];

    /// <summary>The retention of the watchlist's indicators.</summary>
    public TimeSpan Retention { get; init; }

    /// <summary>The watchlist alias.</summary>
    public string Alias => Descriptor.Alias;

    /// <summary>The share of the managed indicators that the run removes, 0 to 1.</summary>
    public double RemovalShare => ManagedIndicators == 0 ? 0 : (double)Expiries.Count / ManagedIndicators;

    /// <summary>The number of writes and deletes the plan needs, counting each addition once.</summary>
    public int ChangeCount => Adds.Count + Updates.Count + Expiries.Count + Duplicates.Count;
}

/// <summary>A row to write.</summary>
/// <param name="ItemId">The item id to write under: the deterministic id for additions, the existing row's id for updates.</param>
/// <param name="IndicatorId">The indicator's deterministic id.</param>
/// <param name="Indicator">The search-key value, for reports and logs.</param>
/// <param name="Columns">The full column values to store.</param>
/// <param name="ChangedColumns">For an update, the columns whose value changes.</param>
internal sealed record PlannedRow(
    Guid ItemId,
    Guid IndicatorId,
    string Indicator,
    IReadOnlyDictionary<string, string> Columns,
    IReadOnlyList<string> ChangedColumns);

/// <summary>A row to delete.</summary>
/// <param name="ItemId">The item id of the row.</param>
/// <param name="IndicatorId">The indicator's deterministic id.</param>
/// <param name="Indicator">The search-key value, for reports and logs.</param>
internal sealed record PlannedRemoval(Guid ItemId, Guid IndicatorId, string Indicator);
