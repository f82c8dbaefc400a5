namespace FeedSync.SentinelEmulator.Arm;

/// <summary>
/// Matches request paths case-insensitively, as ARM does, against the routes the emulator serves. A path that
/// matches none gets a 404, and an unknown resource type under a known provider gets ARM's 400 InvalidResourceType.
/// </summary>
internal static class ArmRouteParser
{
    private const string ServedRoutes =
        "The emulator serves .../providers/Microsoft.SecurityInsights/watchlists[/{alias}[/watchlistItems[/{itemId}]]], "
        + ".../providers/Microsoft.OperationalInsights/workspaces/{workspace}[/savedSearches[/{id}]] and POST /v1/workspaces/{customerId}/query.";

    public static (ArmRoute? Route, EmulatorResponse? Error) Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        if (segments.Length == 4 && Is(segments[0], "v1") && Is(segments[1], "workspaces") && Is(segments[3], "query"))
        {
            return (new ArmRoute(ArmResourceKind.LogAnalyticsQuery, WorkspaceName: segments[2]), null);
        }

        if (segments.Length < 8
            || !Is(segments[0], "subscriptions")
            || !Is(segments[2], "resourceGroups")
            || !Is(segments[4], "providers")
            || !Is(segments[5], "Microsoft.OperationalInsights")
            || !Is(segments[6], "workspaces"))
        {
            return NotFound(path);
        }

        var workspace = new ArmRoute(ArmResourceKind.Workspace, segments[1], segments[3], segments[7]);
        if (segments.Length == 8)
        {
            return (workspace, null);
        }

        if (Is(segments[8], "savedSearches"))
        {
            return segments.Length switch
            {
                9 => (workspace with { Kind = ArmResourceKind.SavedSearchCollection }, null),
                10 => (workspace with { Kind = ArmResourceKind.SavedSearch, ChildName = segments[9] }, null),
                _ => NotFound(path),
            };
        }

        if (!Is(segments[8], "providers") || segments.Length < 11)
        {
            return InvalidResourceType(segments[8], "Microsoft.OperationalInsights");
        }

        if (!Is(segments[9], "Microsoft.SecurityInsights"))
        {
            return NotFound(path);
        }

        if (!Is(segments[10], "watchlists"))
        {
            return InvalidResourceType(segments[10], "Microsoft.SecurityInsights");
        }

        return ParseWatchlistRoute(workspace, segments, path);
    }

    private static (ArmRoute? Route, EmulatorResponse? Error) ParseWatchlistRoute(ArmRoute workspace, string[] segments, string path)
    {
        if (segments.Length == 11)
        {
            return (workspace with { Kind = ArmResourceKind.WatchlistCollection }, null);
        }

        var watchlist = workspace with { Kind = ArmResourceKind.Watchlist, WatchlistAlias = segments[11] };
        if (segments.Length == 12)
        {
            return (watchlist, null);
        }

        if (Is(segments[12], "watchlistItems"))
        {
            return segments.Length switch
            {
                13 => (watchlist with { Kind = ArmResourceKind.WatchlistItemCollection }, null),
                14 => (watchlist with { Kind = ArmResourceKind.WatchlistItem, ChildName = segments[13] }, null),
                _ => NotFound(path),
            };
        }

        if (Is(segments[12], "watchlistStatuses") && segments.Length == 14)
        {
            return (watchlist with { Kind = ArmResourceKind.WatchlistStatus, ChildName = segments[13] }, null);
        }

        return InvalidResourceType("watchlists/" + segments[12], "Microsoft.SecurityInsights");
    }

    private static bool Is(string segment, string expected) =>
        string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);

    private static (ArmRoute?, EmulatorResponse?) NotFound(string path) =>
        (null, EmulatorResponse.Error(404, "NotFound", $"No route matches '{path}'. {ServedRoutes}"));

    private static (ArmRoute?, EmulatorResponse?) InvalidResourceType(string type, string resourceNamespace) =>
        (null, EmulatorResponse.Error(
            400,
            "InvalidResourceType",
            $"The resource type '{type}' could not be found in the namespace '{resourceNamespace}'. {ServedRoutes}"));
}
