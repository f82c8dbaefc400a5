using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>Applies an <see cref="IndicatorFilter"/> to normalised records, as of a fixed time.</summary>
internal sealed class RecordFilter
{
    private readonly IndicatorFilter filter;
    private readonly HashSet<string> families;
    private readonly DateTimeOffset? oldestActivity;
    private readonly Dictionary<MalwareFamily, bool> familyMatches = new(ReferenceEqualityComparer.Instance);
    private readonly bool keepsEverything;

    public RecordFilter(IndicatorFilter filter, DateTimeOffset asOf)
    {
        this.filter = filter;
        families = new HashSet<string>(filter.Families.Select(family => family.Trim()), StringComparer.OrdinalIgnoreCase);
        oldestActivity = filter.MaxAge is { } maxAge ? OldestActivity(asOf, maxAge) : null;
        keepsEverything = filter.Kinds.Count == 0 && filter.ThreatTypes.Count == 0 && filter.MinConfidence is null
            && families.Count == 0 && oldestActivity is null;
    }

    /// <summary>Returns the reject for a record the filter removes, or null when the record is kept.</summary>
    public IngestReject? Check(in NormalisedRecord record, ThreatFoxRecordBuilder source)
    {
        if (keepsEverything)
        {
            return null;
        }

        if (filter.Kinds.Count > 0 && !filter.Kinds.Contains(record.Kind))
        {
            return Reject(source, RejectReasons.FilteredKind, $"the kind {record.Kind} is not among the kinds kept ({string.Join(", ", filter.Kinds)})");
        }

        if (filter.ThreatTypes.Count > 0 && !ContainsIgnoreCase(filter.ThreatTypes, record.ThreatType))
        {
            return Reject(source, RejectReasons.FilteredThreatType, $"the threat type {record.ThreatType} is not among the threat types kept ({string.Join(", ", filter.ThreatTypes)})");
        }

        if (filter.MinConfidence is { } minimum && record.Confidence < minimum)
        {
            return Reject(source, RejectReasons.BelowMinConfidence, $"the confidence {record.Confidence} is below the minimum {minimum}");
        }

        if (families.Count > 0 && !MatchesFamily(record.Family))
        {
            return Reject(source, RejectReasons.FilteredFamily, $"the family {record.Family.Id} ({record.Family.Name}) is not among the families kept ({string.Join(", ", filter.Families)})");
        }

        if (oldestActivity is { } oldest && record.LastActivity < oldest)
        {
            return Reject(source, RejectReasons.OlderThanMaxAge, $"the last activity {record.LastActivity:yyyy-MM-dd HH:mm:ss} UTC is before {oldest:yyyy-MM-dd HH:mm:ss} UTC, the maximum age {filter.MaxAge}");
        }

        return null;
    }

    private static IngestReject Reject(ThreatFoxRecordBuilder source, string reason, string detail) =>
        RecordNormaliser.Reject(source, reason, detail);

    private static bool ContainsIgnoreCase(IReadOnlySet<string> set, string value) =>
        set.Contains(value) || set.Any(item => item.Equals(value, StringComparison.OrdinalIgnoreCase));

    private bool MatchesFamily(MalwareFamily family)
    {
        if (!familyMatches.TryGetValue(family, out var matches))
        {
            matches = families.Contains(family.Id) || families.Contains(family.Name) || family.Aliases.Any(families.Contains);
            familyMatches.Add(family, matches);
        }

        return matches;
    }

    /// <summary>
    /// Returns <paramref name="asOf"/> minus <paramref name="maxAge"/> in UTC, or the earliest time when the age
    /// reaches back before it, so that an age of thousands of years keeps every record instead of throwing.
    /// </summary>
    private static DateTimeOffset OldestActivity(DateTimeOffset asOf, TimeSpan maxAge)
    {
        var utc = asOf.ToUniversalTime();
        return maxAge < utc - DateTimeOffset.MinValue ? utc - maxAge : DateTimeOffset.MinValue;
    }
}
