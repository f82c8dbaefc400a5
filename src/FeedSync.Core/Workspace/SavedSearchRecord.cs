namespace FeedSync.Workspace;

/// <summary>
/// A Log Analytics saved search, which is how Sentinel stores a hunting query
/// (category <c>Hunting Queries</c>).
/// </summary>
/// <param name="Id">The saved search resource name.</param>
/// <param name="DisplayName">The name shown in the Sentinel hunting blade.</param>
/// <param name="Category">The category, <c>Hunting Queries</c> for hunting content.</param>
/// <param name="Query">The KQL text.</param>
/// <param name="Tags">The tags as name and value pairs; a name may repeat, as <c>tactics</c> does.</param>
public sealed record SavedSearchRecord(
    string Id,
    string DisplayName,
    string Category,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>The etag the service returned, or null for a saved search not yet written.</summary>
    public string? ETag { get; init; }

    /// <summary>The saved search version the service returned.</summary>
    public long? Version { get; init; }
}
