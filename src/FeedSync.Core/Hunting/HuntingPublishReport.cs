namespace FeedSync.Hunting;

/// <summary>What publishing hunting queries did, or with a dry run would do, to the workspace's saved searches.</summary>
public sealed record HuntingPublishReport
{
    /// <summary>Every saved search the run created, updated, removed, kept or left alone for a conflict, by id.</summary>
    public required IReadOnlyList<SavedSearchChange> Changes { get; init; }

    /// <summary>Saved searches whose content already matched, so that nothing was written.</summary>
    public required int Unchanged { get; init; }

    /// <summary>True when nothing was written.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Gets the number of saved searches created.</summary>
    public int Created => Count(SavedSearchAction.Created);

    /// <summary>Gets the number of saved searches updated in place.</summary>
    public int Updated => Count(SavedSearchAction.Updated);

    /// <summary>Gets the number of FeedSync saved searches removed.</summary>
    public int Removed => Count(SavedSearchAction.Removed);

    /// <summary>Gets the number of FeedSync saved searches kept because their configured family has no indicators in this run.</summary>
    public int Kept => Count(SavedSearchAction.Kept);

    /// <summary>Gets the number of saved searches with a FeedSync id that FeedSync did not create, left unchanged.</summary>
    public int Conflicts => Count(SavedSearchAction.Conflict);

    private int Count(SavedSearchAction action) => Changes.Count(change => change.Action == action);
}

/// <summary>One saved search that publishing touched or chose to leave.</summary>
/// <param name="Id">The saved search id.</param>
/// <param name="DisplayName">The saved search display name.</param>
/// <param name="Action">What publishing did.</param>
public sealed record SavedSearchChange(string Id, string DisplayName, SavedSearchAction Action);

/// <summary>What publishing did to one saved search.</summary>
public enum SavedSearchAction
{
    /// <summary>Created, because no saved search had the id.</summary>
    Created,

    /// <summary>Replaced in place, because its content differed.</summary>
    Updated,

    /// <summary>Deleted, because FeedSync created it and no longer publishes it.</summary>
    Removed,

    /// <summary>Left in place, because its family is still configured but has no indicators in this run.</summary>
    Kept,

    /// <summary>Left unchanged, because it has a FeedSync id but FeedSync did not create it.</summary>
    Conflict,
}
