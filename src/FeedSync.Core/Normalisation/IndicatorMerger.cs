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
/// last seen the latest, tags and ids the union of all records.
/// </remarks>
internal sealed class IndicatorMerger
{
    private readonly Dictionary<(IndicatorKind Kind, string Value, int Port), MergeGroup> groups = [];

    /// <summary>The number of distinct indicators so far.</summary>
    public int Count => groups.Count;

    /// <summary>Adds an accepted record to the indicator with its identity.</summary>
    public void Add(NormalisedRecord record)
    {
        var key = (record.Kind, record.Value, record.Port ?? -1);
        if (groups.TryGetValue(key, out var group))
        {
            group.Add(record);
            return;
        }

        groups.Add(key, new MergeGroup(record));
    }

    /// <summary>Builds the indicators, ordered by kind, value and port.</summary>
    public List<Indicator> Build()
    {
        var indicators = new List<Indicator>(groups.Count);
        foreach (var group in groups.Values)
        {
            indicators.Add(group.ToIndicator());
        }

        indicators.Sort(static (left, right) =>
        {
            var byKind = left.Kind.CompareTo(right.Kind);
            if (byKind != 0)
            {
                return byKind;
            }

            var byValue = string.CompareOrdinal(left.Value, right.Value);
            return byValue != 0 ? byValue : Nullable.Compare(left.Port, right.Port);
        });
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
        return byFirstSeen != 0 ? byFirstSeen : Nullable.Compare(left.Source.Id, right.Source.Id);
    }

    private sealed class MergeGroup(NormalisedRecord first)
    {
        private readonly NormalisedRecord first = first;
        private List<NormalisedRecord>? others;

        public void Add(NormalisedRecord record)
        {
            others ??= [];
            others.Add(record);
        }

        public Indicator ToIndicator()
        {
            var records = others is null ? [first] : new List<NormalisedRecord>(others.Count + 1) { first };
            if (others is not null)
            {
                records.AddRange(others);
                records.Sort(CompareRank);
            }

            var primary = records[0];
            return new Indicator
            {
                Kind = primary.Kind,
                Value = primary.Value,
                Port = primary.Port,
                OriginalValue = first.Source.IocValue!,
                DisplayValue = primary.Kind == IndicatorKind.Domain ? HostNameNormaliser.ToDisplayName(primary.Value) : null,
                Families = FamiliesOf(records),
                ThreatType = primary.ThreatType,
                Confidence = primary.Confidence,
                FirstSeen = records.Min(record => record.FirstSeen),
                LastSeen = records.Max(record => record.LastSeen),
                Tags = TagsOf(records),
                Reference = primary.Source.Reference,
                Reporter = primary.Source.Reporter,
                ThreatFoxIds = IdsOf(records),
            };
        }

        private static MalwareFamily[] FamiliesOf(List<NormalisedRecord> ranked)
        {
            if (ranked.Count == 1)
            {
                return [ranked[0].Family];
            }

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

        private static string[] TagsOf(List<NormalisedRecord> records)
        {
            if (records.Count == 1 && records[0].Source.Tags.Count <= 1)
            {
                return [.. records[0].Source.Tags];
            }

            var tags = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in records)
            {
                tags.UnionWith(record.Source.Tags);
            }

            return [.. tags];
        }

        private static long[] IdsOf(List<NormalisedRecord> records)
        {
            if (records.Count == 1)
            {
                return records[0].Source.Id is { } id ? [id] : [];
            }

            var ids = new SortedSet<long>();
            foreach (var record in records)
            {
                if (record.Source.Id is { } id)
                {
                    ids.Add(id);
                }
            }

            return [.. ids];
        }
    }
}
