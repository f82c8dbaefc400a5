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
        var prefix = $"LogManagement({workspace.WorkspaceName})_LogManagement";
        yield return new SavedSearchState
        {
            Id = prefix + "|AllEvents",
            Category = "Log Management",
            DisplayName = "All Events",
            Query = "Event | sort by TimeGenerated desc",
            Version = 2,
            Etag = null,
        };
        yield return new SavedSearchState
        {
            Id = prefix + "|EventsByEventLog",
            Category = "Log Management",
            DisplayName = "Count of Events grouped by Event Log",
            Query = "Event | summarize AggregatedValue = count() by EventLog",
            Version = 2,
            Etag = null,
        };
        yield return new SavedSearchState
        {
            Id = prefix + "|AllSyslog",
            Category = "Log Management",
            DisplayName = "All Syslogs",
            Query = "Syslog | sort by TimeGenerated desc",
            Version = 2,
            Etag = null,
        };
    }
}
