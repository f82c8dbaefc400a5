namespace FeedSync.Sync;

/// <summary>A progress update of a running sync.</summary>
/// <param name="Stage">The step the run is in.</param>
/// <param name="Alias">The watchlist the step works on, when it works on one.</param>
/// <param name="Completed">Units of the step done so far: watchlists read, or rows written.</param>
/// <param name="Total">Units of the step in all.</param>
public sealed record SyncProgress(SyncStage Stage, string? Alias, int Completed, int Total);

/// <summary>The steps of a sync run.</summary>
public enum SyncStage
{
    /// <summary>Reading and normalising the feed.</summary>
    ReadingSource,

    /// <summary>Listing the rows of the managed watchlists.</summary>
    ReadingWatchlists,

    /// <summary>Writing the plan's changes.</summary>
    Applying,
}
