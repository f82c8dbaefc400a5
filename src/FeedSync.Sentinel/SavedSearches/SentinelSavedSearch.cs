namespace FeedSync.Sentinel.SavedSearches;

/// <summary>
/// A Log Analytics saved search, which is how Sentinel stores a hunting query (category <c>Hunting Queries</c>).
/// </summary>
/// <param name="Id">The saved search resource name.</param>
/// <param name="DisplayName">The display name (required by the service).</param>
/// <param name="Category">The category (required by the service).</param>
/// <param name="Query">The KQL text (required by the service).</param>
public sealed record SentinelSavedSearch(string Id, string DisplayName, string Category, string Query)
{
    /// <summary>The hunting category Sentinel lists in its hunting blade.</summary>
    public const string HuntingQueriesCategory = "Hunting Queries";

    /// <summary>The tags, in order.</summary>
    public IReadOnlyList<SavedSearchTag> Tags { get; init; } = [];

    /// <summary>The function alias when the query serves as a function, or null.</summary>
    public string? FunctionAlias { get; init; }

    /// <summary>The function parameters, or null.</summary>
    public string? FunctionParameters { get; init; }

    /// <summary>The query language version; the service uses 2 when none is sent.</summary>
    public long? Version { get; init; }

    /// <summary>
    /// The etag. On a write, null sends none, <c>*</c> overwrites whatever exists, and a value returned
    /// by the service makes the write conditional on it.
    /// </summary>
    public string? ETag { get; init; }
}
