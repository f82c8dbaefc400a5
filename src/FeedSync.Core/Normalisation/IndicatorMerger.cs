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
    private readonly Dictionary<(IndicatorKind Kind, string Value, int Port), int> indexByIdentity = [];
    private readonly List<MergeEntry> entries = [];

    /// <summary>The number of distinct indicators so far.</summary>
    public int Count => entries.Count;

    /// <summary>Adds an accepted record to the indicator with its identity.</summary>
    /// <remarks>
    /// The indicator of a value seen once is built at once, so that the normalised record is garbage
    /// straight away; only values seen again keep their records until <see cref="Build"/>.
    /// </remarks>
    public void Add(in NormalisedRecord record)
    {
        var key = (record.Kind, record.Value, record.Port ?? -1);
        if (!indexByIdentity.TryGetValue(key, out var index))
        {
            indexByIdentity.Add(key, entries.Count);
            entries.Add(new MergeEntry(Create(record, record, null), null));
            return;
        }

        var entry = entries[index];
        var records = entry.Records ?? [FromIndicator(entry.Indicator)];
        records.Add(record);
        entries[index] = entry with { Records = records };
    }

    /// <summary>
    /// Builds the indicators in the order their values first appear in the source. The order is stable for
    /// a given input; it is not sorted, because sorting a million values would cost more than reading them.
    /// </summary>
    public List<Indicator> Build()
    {
        var indicators = new List<Indicator>(entries.Count);
        foreach (var entry in entries)
        {
            indicators.Add(entry.Records is null ? entry.Indicator : Merge(entry.Records));
        }

        return indicators;
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

    /// <summary>An indicator and, once its value was seen again, every record it merges.</summary>
    private readonly record struct MergeEntry(Indicator Indicator, List<NormalisedRecord>? Records);
}
