namespace FeedSync.SentinelEmulator.Arm;

/// <summary>The resource kinds the emulator serves.</summary>
internal enum ArmResourceKind
{
    Workspace,
    WatchlistCollection,
    Watchlist,
    WatchlistItemCollection,
    WatchlistItem,
    WatchlistStatus,
    SavedSearchCollection,
    SavedSearch,
    LogAnalyticsQuery,
}

/// <summary>A parsed request path: what it addresses and the names in it, as the caller spelled them.</summary>
internal sealed record ArmRoute(
    ArmResourceKind Kind,
    string SubscriptionId = "",
    string ResourceGroup = "",
    string WorkspaceName = "",
    string? WatchlistAlias = null,
    string? ChildName = null)
{
    public bool IsSecurityInsights => Kind is ArmResourceKind.WatchlistCollection or ArmResourceKind.Watchlist
        or ArmResourceKind.WatchlistItemCollection or ArmResourceKind.WatchlistItem or ArmResourceKind.WatchlistStatus;

    public bool IsSavedSearch => Kind is ArmResourceKind.SavedSearchCollection or ArmResourceKind.SavedSearch;

    /// <summary>Gets the ARM resource type name used in api-version errors.</summary>
    public string TypeName => Kind switch
    {
        ArmResourceKind.Workspace => "workspaces",
        ArmResourceKind.SavedSearchCollection or ArmResourceKind.SavedSearch => "workspaces/savedSearches",
        ArmResourceKind.WatchlistItemCollection or ArmResourceKind.WatchlistItem => "watchlists/watchlistItems",
        ArmResourceKind.WatchlistStatus => "watchlists/watchlistStatuses",
        _ => "watchlists",
    };
}
