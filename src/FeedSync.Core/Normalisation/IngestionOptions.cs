using System.ComponentModel.DataAnnotations;

namespace FeedSync.Normalisation;

/// <summary>
/// The configured default filter of ingestion, bound from <c>FeedSync:Ingestion</c>. Callers turn it into an
/// <see cref="IndicatorFilter"/> with <see cref="ToFilter"/>; command-line options override it.
/// </summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FeedSync:Ingestion";

    /// <summary>How many days the live API is read back, 1 to 7. Default: 1.</summary>
    [Range(1, 7)]
    public int Days { get; set; } = 1;

    /// <summary>The indicator kinds to keep, such as <c>Ip</c> or <c>Sha256</c>. Default: every kind.</summary>
    public List<IndicatorKind> Kinds { get; set; } = [];

    /// <summary>The ThreatFox threat types to keep, such as <c>botnet_cc</c>. Default: every threat type.</summary>
    public List<string> ThreatTypes { get; set; } = [];

    /// <summary>The lowest confidence to keep, 0 to 100. Default: none.</summary>
    [Range(0, 100)]
    public int? MinConfidence { get; set; }

    /// <summary>The malware families to keep, by ThreatFox id, printable name or alias. Default: every family.</summary>
    public List<string> Families { get; set; } = [];

    /// <summary>The oldest last activity to keep, measured back from the run's time. Default: no limit.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Returns the filter these options describe.</summary>
    public IndicatorFilter ToFilter() => new()
    {
        Kinds = new HashSet<IndicatorKind>(Kinds),
        ThreatTypes = new HashSet<string>(ThreatTypes.Where(type => !string.IsNullOrWhiteSpace(type)), StringComparer.OrdinalIgnoreCase),
        MinConfidence = MinConfidence,
        Families = Families.Where(family => !string.IsNullOrWhiteSpace(family)).ToList(),
        MaxAge = MaxAge,
    };
}
