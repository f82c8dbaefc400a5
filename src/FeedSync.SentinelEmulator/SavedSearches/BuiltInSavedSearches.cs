using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.SavedSearches;

/// <summary>
/// A few of the built-in saved searches that every Log Analytics workspace lists, named
/// <c>LogManagement({workspace})_...</c> and carrying no etag, so that callers learn to leave them alone.
/// </summary>
internal static class BuiltInSavedSearches
{
    public static IEnumerable<SavedSearchState> For(WorkspaceState workspace)
    {
        var prefix = $"LogManagement({workspace.WorkspaceName})_LogManagement|";
        yield return BuiltIn(prefix + "AllEvents", "All Events", "Event | sort by TimeGenerated desc");
        yield return BuiltIn(prefix + "EventsByEventLog", "Count of Events grouped by Event Log", "Event | summarize AggregatedValue = count() by EventLog");
        yield return BuiltIn(prefix + "AllSyslog", "All Syslogs", "Syslog | sort by TimeGenerated desc");
    }

    private static SavedSearchState BuiltIn(string id, string displayName, string query) => new()
    {
        Id = id,
        Category = "Log Management",
        DisplayName = displayName,
        Query = query,
        Version = 2,
        Etag = null,
    };
}
