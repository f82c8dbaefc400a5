using FeedSync.Normalisation;
using FeedSync.Watchlists;

namespace FeedSync.Tests.Sync;

/// <summary>
/// The content the managed watchlists should hold after a sequence of runs, modelled in the test from the sync's
/// documented rules rather than by calling the product's differ: last seen is the latest day of activity ever
/// reported, a row expires one day after that day plus its kind's retention, ids, families and tags accumulate,
/// and the single-valued columns follow the latest feed.
/// </summary>
internal sealed class ExpectedWatchlists
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The expected rows by indicator id.</summary>
    public IReadOnlyDictionary<Guid, Entry> Rows =>
        entries.Values.ToDictionary(entry => IndicatorIds.ForIdentityKey(entry.IdentityKey));

    /// <summary>Applies one run's feed as of <paramref name="asOf"/> and returns the changes it should make.</summary>
    public ExpectedChanges Apply(IEnumerable<Indicator> feed, DateTimeOffset asOf)
    {
        var added = 0;
        var updated = 0;
        var skipped = 0;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in feed)
        {
            var key = indicator.IdentityKey;
            touched.Add(key);
            var current = Entry.From(indicator);
            if (!entries.TryGetValue(key, out var stored))
            {
                if (current.IsExpired(asOf))
                {
                    skipped++;
                    continue;
                }

                entries[key] = current;
                added++;
                continue;
            }

            var merged = stored.MergeWith(current);
            entries[key] = merged;
            if (!merged.IsExpired(asOf) && !merged.SameStoredValues(stored))
            {
                updated++;
            }
        }

        var expired = entries.Where(pair => pair.Value.IsExpired(asOf)).Select(pair => pair.Key).ToList();
        foreach (var key in expired)
        {
            entries.Remove(key);
        }

        return new ExpectedChanges(added, updated, expired.Count, skipped);
    }

    /// <summary>The changes a run should make.</summary>
    public sealed record ExpectedChanges(int Added, int Updated, int Removed, int SkippedExpired);

    /// <summary>One indicator as the watchlist should store it.</summary>
    public sealed record Entry(
        string IdentityKey,
        IndicatorKind Kind,
        string Value,
        int? Port,
        DateTime LastSeenDay,
        DateTimeOffset FirstSeen,
        IReadOnlySet<long> ThreatFoxIds,
        IReadOnlySet<string> FamilyIds,
        IReadOnlySet<string> Tags,
        string ThreatType,
        int Confidence,
        string? Reference)
    {
        public DateTime ExpiresOn => LastSeenDay.AddDays(1) + Retention(Kind);

        public static Entry From(Indicator indicator) => new(
            indicator.IdentityKey,
            indicator.Kind,
            indicator.Value,
            indicator.Port,
            indicator.LastActivity.UtcDateTime.Date,
            new DateTimeOffset(indicator.FirstSeen.UtcDateTime.AddTicks(-(indicator.FirstSeen.UtcTicks % TimeSpan.TicksPerSecond)), TimeSpan.Zero),
            indicator.ThreatFoxIds.ToHashSet(),
            (indicator.Families.Count > 0 ? indicator.Families : [MalwareFamily.Unknown]).Select(family => family.Id.Trim()).ToHashSet(StringComparer.Ordinal),
            indicator.Tags.Select(tag => tag.Trim()).Where(tag => tag.Length > 0).ToHashSet(StringComparer.Ordinal),
            indicator.ThreatType,
            indicator.Confidence,
            indicator.Reference);

        public bool IsExpired(DateTimeOffset asOf) => ExpiresOn <= asOf.UtcDateTime;

        public Entry MergeWith(Entry current) => current with
        {
            LastSeenDay = LastSeenDay > current.LastSeenDay ? LastSeenDay : current.LastSeenDay,
            FirstSeen = FirstSeen < current.FirstSeen ? FirstSeen : current.FirstSeen,
            ThreatFoxIds = ThreatFoxIds.Union(current.ThreatFoxIds).ToHashSet(),
            FamilyIds = FamilyIds.Union(current.FamilyIds).ToHashSet(StringComparer.Ordinal),
            Tags = Tags.Union(current.Tags).ToHashSet(StringComparer.Ordinal),
        };

        public bool SameStoredValues(Entry other) =>
            LastSeenDay == other.LastSeenDay
            && FirstSeen == other.FirstSeen
            && ThreatFoxIds.SetEquals(other.ThreatFoxIds)
            && FamilyIds.SetEquals(other.FamilyIds)
            && Tags.SetEquals(other.Tags)
            && ThreatType == other.ThreatType
            && Confidence == other.Confidence
            && (Reference ?? string.Empty) == (other.Reference ?? string.Empty);

        private static TimeSpan Retention(IndicatorKind kind) => kind switch
        {
            IndicatorKind.Ip => TimeSpan.FromDays(30),
            IndicatorKind.Domain or IndicatorKind.Url => TimeSpan.FromDays(90),
            _ => TimeSpan.FromDays(365),
        };
    }
}
