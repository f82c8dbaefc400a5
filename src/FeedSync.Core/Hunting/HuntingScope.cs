using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>The indicators one set of hunting queries covers: one malware family, or the whole feed.</summary>
/// <param name="Key">The family key (<see cref="FamilyKeys"/>), or <see cref="FamilyKeys.FeedWide"/>.</param>
/// <param name="Family">The family, or null for the feed-wide scope.</param>
/// <param name="Indicators">The indicators in scope.</param>
internal sealed record HuntingScope(string Key, MalwareFamily? Family, IReadOnlyList<Indicator> Indicators)
{
    /// <summary>Gets whether the scope is the whole feed.</summary>
    public bool IsFeedWide => Family is null;
}
