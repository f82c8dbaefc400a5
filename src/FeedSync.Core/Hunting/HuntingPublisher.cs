using FeedSync.Workspace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Hunting;

/// <summary>
/// Publishes hunting content as Log Analytics saved searches: creates the missing ones, updates in place those whose
/// content changed, writes nothing for those that match, and removes FeedSync's own saved searches that are no
/// longer published. Saved searches that FeedSync did not create are never changed or removed.
/// </summary>
public sealed class HuntingPublisher
{
    private readonly ISentinelWorkspace workspace;
    private readonly ILogger logger;

    /// <summary>Creates a publisher that writes through <paramref name="workspace"/>.</summary>
    public HuntingPublisher(ISentinelWorkspace workspace, ILogger<HuntingPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);

        this.workspace = workspace;
        this.logger = logger ?? NullLogger<HuntingPublisher>.Instance;
    }

    /// <summary>
    /// Publishes <paramref name="content"/>. A FeedSync saved search outside the content is removed, unless its
    /// scope is one of <see cref="HuntingContent.ScopesWithoutIndicators"/>, which keeps it until the family has
    /// indicators again or leaves the configuration. With <paramref name="dryRun"/> the report lists the same
    /// changes and nothing is written.
    /// </summary>
    public async Task<HuntingPublishReport> PublishAsync(HuntingContent content, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);

        var desired = content.Scopes
            .SelectMany(scope => scope.Queries.Select(query => HuntingSavedSearches.ToSavedSearch(query, scope)))
            .ToList();
        Log.PublishStarted(logger, desired.Count, dryRun);

        var existing = new Dictionary<string, SavedSearchRecord>(StringComparer.OrdinalIgnoreCase);
        await foreach (var savedSearch in workspace.ListSavedSearchesAsync(cancellationToken).ConfigureAwait(false))
        {
            existing[savedSearch.Id] = savedSearch;
        }

        var changes = new List<SavedSearchChange>();
        var unchanged = 0;
        foreach (var savedSearch in desired)
        {
            var change = await PublishOneAsync(savedSearch, existing.GetValueOrDefault(savedSearch.Id), content.WatchlistAliasPrefix, dryRun, cancellationToken).ConfigureAwait(false);
            if (change is null)
            {
                unchanged++;
                continue;
            }

            changes.Add(change);
        }

        var desiredIds = desired.Select(savedSearch => savedSearch.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stale = existing.Values
            .Where(savedSearch => !desiredIds.Contains(savedSearch.Id) && HuntingSavedSearches.IsOwned(savedSearch, content.WatchlistAliasPrefix))
            .OrderBy(savedSearch => savedSearch.Id, StringComparer.Ordinal);
        foreach (var savedSearch in stale)
        {
            changes.Add(await RetireAsync(savedSearch, content, dryRun, cancellationToken).ConfigureAwait(false));
        }

        var report = new HuntingPublishReport { Changes = changes, Unchanged = unchanged, DryRun = dryRun };
        Log.PublishFinished(logger, report.Created, report.Updated, report.Unchanged, report.Removed, report.Kept, report.Conflicts, dryRun);
        return report;
    }

    /// <summary>Writes one desired saved search when it is missing or differs; returns null when it already matches.</summary>
    private async Task<SavedSearchChange?> PublishOneAsync(
        SavedSearchRecord desired,
        SavedSearchRecord? current,
        string watchlistAliasPrefix,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        if (current is null)
        {
            Log.SavedSearchCreating(logger, desired.Id, desired.DisplayName);
            await WriteAsync(desired, dryRun, cancellationToken).ConfigureAwait(false);
            return new SavedSearchChange(desired.Id, desired.DisplayName, SavedSearchAction.Created);
        }

        if (!HuntingSavedSearches.IsOwned(current, watchlistAliasPrefix))
        {
            Log.SavedSearchIdConflict(logger, current.Id, current.DisplayName);
            return new SavedSearchChange(current.Id, current.DisplayName, SavedSearchAction.Conflict);
        }

        if (HuntingSavedSearches.HaveSameContent(current, desired))
        {
            return null;
        }

        Log.SavedSearchUpdating(logger, desired.Id, desired.DisplayName);
        await WriteAsync(desired with { Id = current.Id, ETag = current.ETag }, dryRun, cancellationToken).ConfigureAwait(false);
        return new SavedSearchChange(current.Id, desired.DisplayName, SavedSearchAction.Updated);
    }

    /// <summary>Removes a FeedSync saved search that is no longer published, or keeps it when its scope lacks indicators.</summary>
    private async Task<SavedSearchChange> RetireAsync(SavedSearchRecord savedSearch, HuntingContent content, bool dryRun, CancellationToken cancellationToken)
    {
        var scope = HuntingSavedSearches.TagValue(savedSearch, HuntingSavedSearches.ScopeTag) ?? string.Empty;
        var family = HuntingSavedSearches.TagValue(savedSearch, HuntingSavedSearches.FamilyTag);
        var keep = content.ScopesWithoutIndicators.Any(entry =>
            string.Equals(entry, scope, StringComparison.OrdinalIgnoreCase)
            || (family is not null && string.Equals(entry, family, StringComparison.OrdinalIgnoreCase)));
        if (keep)
        {
            return new SavedSearchChange(savedSearch.Id, savedSearch.DisplayName, SavedSearchAction.Kept);
        }

        Log.SavedSearchRemoving(logger, savedSearch.Id, savedSearch.DisplayName, scope);
        if (!dryRun)
        {
            await workspace.DeleteSavedSearchAsync(savedSearch.Id, cancellationToken).ConfigureAwait(false);
        }

        return new SavedSearchChange(savedSearch.Id, savedSearch.DisplayName, SavedSearchAction.Removed);
    }

    private async Task WriteAsync(SavedSearchRecord savedSearch, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            await workspace.UpsertSavedSearchAsync(savedSearch, cancellationToken).ConfigureAwait(false);
        }
    }
}
