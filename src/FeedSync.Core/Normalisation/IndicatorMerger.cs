using System.Runtime.InteropServices;

namespace FeedSync.Normalisation;

/// <summary>
/// Merges normalised records with the same kind, canonical value and port into one <see cref="Indicator"/>.
/// </summary>
/// <remarks>
/// The primary record is the one with a named family (ThreatFox's <c>unknown</c> never outranks a named
/// family), then the highest confidence, then the earliest first seen, then the lowest ThreatFox id. The
/// indicator takes its threat type, confidence, reference and reporter from the primary record. It lists
/// every family of its records in <see cref="Indicator.Families"/>, the primary record's family first and
/// then the others in the same ranking, so that no family loses the value. First seen is the earliest,
/// last seen the latest, tags the union in rank order (compared case-insensitively, first spelling kept),
/// ThreatFox ids the ascending union.
/// </remarks>
internal sealed class IndicatorMerger
{
    private readonly IndicatorIdentityTable positions;
    private readonly List<Indicator> indicators;
    private readonly long[] indicatorsByKind = new long[Enum.GetValues<IndicatorKind>().Length];

    // The records of every value seen more than once, by the position of its indicator. Build merges them.
    private readonly Dictionary<int, List<NormalisedRecord>> recordsToMerge = [];

    // Indicators built from one record, counted by their family list. Readers share one list instance per
    // family, so this contains a few hundred keys and counting costs no string hashing per record.
    private readonly Dictionary<IReadOnlyList<MalwareFamily>, long> singleRecordFamilyLists = new(ReferenceEqualityComparer.Instance);
    private readonly List<Indicator> mergedIndicators = [];
    private bool built;

    /// <summary>Creates a merger whose tables start with room for <paramref name="capacity"/> indicators.</summary>
    public IndicatorMerger(int capacity = 0)
    {
        positions = new IndicatorIdentityTable(capacity);
        indicators = new(capacity);
    }

    /// <summary>The number of distinct indicators so far.</summary>
    public int Count => indicators.Count;

    /// <summary>Adds an accepted record to the indicator with its identity.</summary>
    /// <remarks>
    /// The indicator of a value seen once is built at once, so that the normalised record is garbage
    /// straight away; only values seen again keep their records until <see cref="Build"/>.
    /// </remarks>
    public void Add(in NormalisedRecord record)
    {
        if (built)
        {
            throw new InvalidOperationException("Records cannot be added after Build.");
        }

        var position = positions.GetOrAdd(record.Kind, record.Value, record.Port ?? -1, indicators.Count, indicators);
        if (position < 0)
        {
            indicators.Add(Create(record, record, null));
            indicatorsByKind[(int)record.Kind]++;
            CollectionsMarshal.GetValueRefOrAddDefault(singleRecordFamilyLists, record.Families, out _)++;
            return;
        }

        ref var records = ref CollectionsMarshal.GetValueRefOrAddDefault(recordsToMerge, position, out var seenAgain);
        if (!seenAgain)
        {
            // The indicator is merged at Build, where its families are counted again.
            singleRecordFamilyLists[indicators[position].Families]--;
            records = [FromIndicator(indicators[position])];
        }

        records!.Add(record);
    }

    /// <summary>
    /// Builds the indicators in the order their values first appear in the source. The order is stable for
    /// a given input; it is not sorted, because sorting a million values would cost more than reading them.
    /// The merger hands over its own list, so a second call returns the same list.
    /// </summary>
    public List<Indicator> Build()
    {
        if (built)
        {
            return indicators;
        }

        built = true;
        foreach (var (position, records) in recordsToMerge)
        {
            var merged = Merge(records);
            mergedIndicators.Add(merged);
            indicators[position] = merged;
        }

        recordsToMerge.Clear();
        return indicators;
    }

    /// <summary>Returns the number of distinct indicators of <paramref name="kind"/>.</summary>
    public long CountOf(IndicatorKind kind) => indicatorsByKind[(int)kind];

    /// <summary>
    /// Returns the number of indicators that list each family, as primary or further family, keyed by the
    /// family instance. Call it after <see cref="Build"/>, which merges the indicators seen more than once.
    /// </summary>
    public Dictionary<MalwareFamily, long> CountByFamily()
    {
        var counts = new Dictionary<MalwareFamily, long>(ReferenceEqualityComparer.Instance);
        foreach (var (families, indicatorCount) in singleRecordFamilyLists)
        {
            foreach (var family in families)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, family, out _) += indicatorCount;
            }
        }

        foreach (var indicator in mergedIndicators)
        {
            foreach (var family in indicator.Families)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, family, out _)++;
            }
        }

        return counts;
    }

    /// <summary>Returns a negative number when <paramref name="left"/> outranks <paramref name="right"/>.</summary>
    internal static int CompareRank(NormalisedRecord left, NormalisedRecord right)
    {
        var leftUnknown = ReferenceEquals(left.Family, MalwareFamily.Unknown);
        var rightUnknown = ReferenceEquals(right.Family, MalwareFamily.Unknown);
        if (leftUnknown != rightUnknown)
        {
            return leftUnknown ? 1 : -1;
        }

        var byConfidence = right.Confidence.CompareTo(left.Confidence);
        if (byConfidence != 0)
        {
            return byConfidence;
        }

        var byFirstSeen = left.FirstSeen.CompareTo(right.FirstSeen);
        return byFirstSeen != 0 ? byFirstSeen : Nullable.Compare(left.ThreatFoxId, right.ThreatFoxId);
    }

    private static Indicator Merge(List<NormalisedRecord> records)
    {
        var first = records[0];
        records.Sort(CompareRank);
        return Create(first, records[0], records);
    }

    /// <summary>Recreates the record behind an indicator built from one record, to merge it with a later one.</summary>
    private static NormalisedRecord FromIndicator(Indicator indicator) => new()
    {
        Kind = indicator.Kind,
        Value = indicator.Value,
        Port = indicator.Port,
        OriginalValue = indicator.OriginalValue,
        ThreatFoxId = indicator.ThreatFoxIds.Count > 0 ? indicator.ThreatFoxIds[0] : null,
        Family = indicator.Family,
        Families = indicator.Families,
        ThreatType = indicator.ThreatType,
        Confidence = indicator.Confidence,
        FirstSeen = indicator.FirstSeen,
        LastSeen = indicator.LastSeen,
        Tags = indicator.Tags,
        Reference = indicator.Reference,
        Reporter = indicator.Reporter,
    };

    private static Indicator Create(in NormalisedRecord first, in NormalisedRecord primary, List<NormalisedRecord>? ranked) => new()
    {
        Kind = primary.Kind,
        Value = primary.Value,
        Port = primary.Port,
        OriginalValue = first.OriginalValue,
        DisplayValue = primary.Kind == IndicatorKind.Domain ? HostNameNormaliser.ToDisplayName(primary.Value) : null,
        Families = ranked is null ? primary.Families : FamiliesOf(ranked),
        ThreatType = primary.ThreatType,
        Confidence = primary.Confidence,
        FirstSeen = ranked is null ? primary.FirstSeen : ranked.Min(record => record.FirstSeen),
        LastSeen = ranked is null ? primary.LastSeen : ranked.Max(record => record.LastSeen),
        Tags = ranked is null && !HasDuplicates(primary.Tags) ? primary.Tags : TagsOf(ranked ?? [primary]),
        Reference = primary.Reference,
        Reporter = primary.Reporter,
        ThreatFoxIds = ranked is null ? SingleId(primary) : IdsOf(ranked),
    };

    private static MalwareFamily[] FamiliesOf(List<NormalisedRecord> ranked)
    {
        var families = new List<MalwareFamily>();
        foreach (var record in ranked)
        {
            if (!families.Exists(family => family.Id.Equals(record.Family.Id, StringComparison.OrdinalIgnoreCase)))
            {
                families.Add(record.Family);
            }
        }

        return [.. families];
    }

    /// <summary>Returns the union of the records' tags in rank order, compared case-insensitively, keeping the first spelling.</summary>
    private static string[] TagsOf(List<NormalisedRecord> ranked)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tags = new List<string>();
        foreach (var tag in ranked.SelectMany(record => record.Tags))
        {
            if (seen.Add(tag))
            {
                tags.Add(tag);
            }
        }

        return [.. tags];
    }

    private static bool HasDuplicates(IReadOnlyList<string> tags)
    {
        for (var i = 1; i < tags.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(tags[i], tags[j], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static long[] SingleId(in NormalisedRecord record) => record.ThreatFoxId is { } id ? [id] : [];

    private static long[] IdsOf(List<NormalisedRecord> records)
    {
        var ids = new SortedSet<long>();
        foreach (var record in records)
        {
            if (record.ThreatFoxId is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
