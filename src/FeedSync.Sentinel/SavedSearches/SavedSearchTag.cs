namespace FeedSync.Sentinel.SavedSearches;

/// <summary>A saved-search tag. A name may repeat, as Sentinel's <c>tactics</c> tag does for each tactic.</summary>
/// <param name="Name">The tag name.</param>
/// <param name="Value">The tag value.</param>
public sealed record SavedSearchTag(string Name, string Value);
