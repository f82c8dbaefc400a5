namespace FeedSync.SentinelEmulator.Arm;

/// <summary>
/// The api-versions the emulator accepts per resource type: the newest stable ones plus the versions of the
/// recorded sessions it is checked against. Missing or other versions get ARM's 400 errors.
/// </summary>
internal static class ApiVersions
{
    /// <summary>Microsoft.SecurityInsights watchlists and items; 2025-12-01 is the newest stable version.</summary>
    public static readonly IReadOnlyList<string> SecurityInsights = ["2022-11-01", "2024-01-01-preview", "2025-12-01"];

    /// <summary>Microsoft.OperationalInsights saved searches; 2025-07-01 is the newest stable version.</summary>
    public static readonly IReadOnlyList<string> SavedSearches = ["2020-08-01", "2025-02-01", "2025-07-01"];

    /// <summary>Microsoft.OperationalInsights workspaces (read only in the emulator).</summary>
    public static readonly IReadOnlyList<string> Workspaces = ["2020-08-01", "2021-12-01-preview", "2022-10-01", "2025-02-01", "2025-07-01"];

    /// <summary>The version whose recorded responses have the older watchlist shape (uploadStatus, no provisioningState).</summary>
    public const string LegacyWatchlistShape = "2022-11-01";

    public static EmulatorResponse? Check(ArmRoute route, string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return EmulatorResponse.Error(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
        }

        var supported = SupportedFor(route);
        if (supported.Contains(apiVersion, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return EmulatorResponse.Error(
            400,
            "NoRegisteredProviderFound",
            $"No registered resource provider found for API version '{apiVersion}' and type '{route.TypeName}'. "
            + $"The supported api-versions are '{string.Join(", ", supported)}'.");
    }

    private static IReadOnlyList<string> SupportedFor(ArmRoute route) => route.Kind switch
    {
        ArmResourceKind.Workspace => Workspaces,
        ArmResourceKind.SavedSearchCollection or ArmResourceKind.SavedSearch => SavedSearches,
        _ => SecurityInsights,
    };
}
