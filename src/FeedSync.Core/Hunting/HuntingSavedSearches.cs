using FeedSync.Workspace;

namespace FeedSync.Hunting;

/// <summary>
/// Maps hunting queries to Log Analytics saved searches the way Sentinel's hunting blade reads them (category
/// <c>Hunting Queries</c>; tags <c>description</c>, <c>tactics</c> and <c>techniques</c>), with the tags that mark
/// FeedSync's own searches, and compares saved searches by content.
/// </summary>
public static class HuntingSavedSearches
{
    /// <summary>The category of hunting queries.</summary>
    public const string Category = "Hunting Queries";

    /// <summary>The tag with the query description.</summary>
    public const string DescriptionTag = "description";

    /// <summary>The tag with one MITRE ATT&amp;CK tactic, repeated for each tactic.</summary>
    public const string TacticsTag = "tactics";

    /// <summary>The tag with the MITRE ATT&amp;CK techniques, comma-separated.</summary>
    public const string TechniquesTag = "techniques";

    /// <summary>The tag that marks a saved search FeedSync created; its value is <see cref="MarkerValue"/>.</summary>
    public const string MarkerTag = "createdBy";

    /// <summary>The value of <see cref="MarkerTag"/> on FeedSync's saved searches.</summary>
    public const string MarkerValue = "FeedSync";

    /// <summary>The tag with the watchlist alias prefix, which distinguishes FeedSync deployments that share a workspace.</summary>
    public const string PrefixTag = "feedsyncPrefix";

    /// <summary>The tag with the scope key: the family key, such as <c>win.remcos</c>, or <c>*</c> for the whole feed.</summary>
    public const string ScopeTag = "feedsyncScope";

    /// <summary>The tag with the family's display name, on family queries only.</summary>
    public const string FamilyTag = "feedsyncFamily";

    /// <summary>Returns the saved search of <paramref name="query"/> in <paramref name="scope"/>.</summary>
    public static SavedSearchRecord ToSavedSearch(HuntingQuery query, HuntingFamilyContent scope)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);

        List<KeyValuePair<string, string>> tags =
        [
            new(DescriptionTag, query.Description),
            .. query.Tactics.Select(tactic => new KeyValuePair<string, string>(TacticsTag, tactic)),
            new(TechniquesTag, string.Join(',', query.Techniques)),
            new(MarkerTag, MarkerValue),
            new(PrefixTag, scope.WatchlistAliasPrefix),
            new(ScopeTag, scope.ScopeKey),
        ];
        if (scope.Family is { } family)
        {
            tags.Add(new(FamilyTag, HuntingContentBuilder.DisplayNameOf(family)));
        }

        return new SavedSearchRecord(query.Id.ToString("D"), query.Name, Category, query.Query, tags);
    }

    /// <summary>
    /// Returns whether <paramref name="savedSearch"/> is a hunting query that FeedSync created for the deployment
    /// with <paramref name="watchlistAliasPrefix"/>: it carries the marker tag and the prefix tag, in the hunting category.
    /// </summary>
    public static bool IsOwned(SavedSearchRecord savedSearch, string watchlistAliasPrefix)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);

        return string.Equals(savedSearch.Category, Category, StringComparison.OrdinalIgnoreCase)
            && HasTag(savedSearch, MarkerTag, MarkerValue)
            && HasTag(savedSearch, PrefixTag, watchlistAliasPrefix);
    }

    /// <summary>Returns the value of the first tag named <paramref name="name"/>, or null.</summary>
    public static string? TagValue(SavedSearchRecord savedSearch, string name)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);

        return savedSearch.Tags.FirstOrDefault(tag => string.Equals(tag.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>
    /// Returns whether two saved searches have the same display name, category, query (line endings aside) and
    /// tags (in any order), so that writing one over the other would change nothing.
    /// </summary>
    public static bool HaveSameContent(SavedSearchRecord left, SavedSearchRecord right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        return string.Equals(left.DisplayName, right.DisplayName, StringComparison.Ordinal)
            && string.Equals(left.Category, right.Category, StringComparison.OrdinalIgnoreCase)
            && string.Equals(NormaliseLineEndings(left.Query), NormaliseLineEndings(right.Query), StringComparison.Ordinal)
            && SortedTags(left).SequenceEqual(SortedTags(right));
    }

    private static bool HasTag(SavedSearchRecord savedSearch, string name, string value) =>
        savedSearch.Tags.Any(tag =>
            string.Equals(tag.Key, name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(tag.Value, value, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> SortedTags(SavedSearchRecord savedSearch) =>
        savedSearch.Tags
            .Select(tag => tag.Key.ToLowerInvariant() + "\n" + tag.Value)
            .Order(StringComparer.Ordinal);

    private static string NormaliseLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
