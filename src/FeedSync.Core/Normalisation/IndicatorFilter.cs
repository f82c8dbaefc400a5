namespace FeedSync.Normalisation;

/// <summary>
/// Which indicators a run keeps. An empty set or a null value means no restriction.
/// Families match case-insensitively by ThreatFox id, printable name or alias.
/// </summary>
public sealed record IndicatorFilter
{
    /// <summary>The filter that keeps every indicator.</summary>
    public static IndicatorFilter None { get; } = new();

    /// <summary>The indicator kinds to keep.</summary>
    public IReadOnlySet<IndicatorKind> Kinds { get; init; } = new HashSet<IndicatorKind>();

    /// <summary>The ThreatFox threat types to keep, such as <c>botnet_cc</c>.</summary>
    public IReadOnlySet<string> ThreatTypes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The lowest confidence level to keep, 0 to 100.</summary>
    public int? MinConfidence { get; init; }

    /// <summary>The malware families to keep, by id, printable name or alias.</summary>
    public IReadOnlyList<string> Families { get; init; } = [];

    /// <summary>The oldest last activity to keep, measured back from the run's clock.</summary>
    public TimeSpan? MaxAge { get; init; }
}
