using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>The hunting content of one scope: a malware family or the whole feed.</summary>
public sealed record HuntingFamilyContent
{
    /// <summary>The scope key: the family key, such as <c>win.remcos</c>, or <c>*</c> for the whole feed.</summary>
    public required string ScopeKey { get; init; }

    /// <summary>The family, or null for the whole feed.</summary>
    public MalwareFamily? Family { get; init; }

    /// <summary>The title, such as <c>ThreatFox: Remcos IOCs</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The indicators in scope, newest first.</summary>
    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>The queries, one per table and variant.</summary>
    public required IReadOnlyList<HuntingQuery> Queries { get; init; }

    /// <summary>The MITRE ATT&amp;CK tactics every query of the scope carries.</summary>
    public required IReadOnlyList<string> Tactics { get; init; }

    /// <summary>The MITRE ATT&amp;CK techniques every query of the scope carries.</summary>
    public required IReadOnlyList<string> Techniques { get; init; }

    /// <summary>The enabled false-positive exclusion profiles.</summary>
    public required IReadOnlyList<ExclusionProfile> Exclusions { get; init; }

    /// <summary>Where the queries read their indicators from.</summary>
    public required HuntingQueryStyle Style { get; init; }

    /// <summary>The prefix of the watchlist aliases the queries read.</summary>
    public required string WatchlistAliasPrefix { get; init; }
}
