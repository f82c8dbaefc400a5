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
    private readonly Dictionary<(IndicatorKind Kind, string Value, int Port), MergeGroup> groups = [];
    private readonly List<MergeGroup> groupsInOrder = [];

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

        group = new MergeGroup(record);
        groups.Add(key, group);
        groupsInOrder.Add(group);
    }

    /// <summary>
    /// Builds the indicators in the order their values first appear in the source. The order is stable for
    /// a given input; it is not sorted, because sorting a million values would cost more than reading them.
    /// </summary>
    public List<Indicator> Build()
    {
        var indicators = new List<Indicator>(groupsInOrder.Count);
        foreach (var group in groupsInOrder)
        {
            indicators.Add(group.ToIndicator());
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
            if (others is null)
            {
                return Create(first, [first]);
            }

            var records = new List<NormalisedRecord>(others.Count + 1) { first };
            records.AddRange(others);
            records.Sort(CompareRank);
            return Create(records[0], records);
        }

        private Indicator Create(NormalisedRecord primary, List<NormalisedRecord> ranked) => new()
        {
            Kind = primary.Kind,
            Value = primary.Value,
            Port = primary.Port,
            OriginalValue = first.Source.IocValue!,
            DisplayValue = primary.Kind == IndicatorKind.Domain ? HostNameNormaliser.ToDisplayName(primary.Value) : null,
            Families = FamiliesOf(ranked),
            ThreatType = primary.ThreatType,
            Confidence = primary.Confidence,
            FirstSeen = ranked.Count == 1 ? primary.FirstSeen : ranked.Min(record => record.FirstSeen),
            LastSeen = ranked.Count == 1 ? primary.LastSeen : ranked.Max(record => record.LastSeen),
            Tags = TagsOf(ranked),
            Reference = primary.Source.Reference,
            Reporter = primary.Source.Reporter,
            ThreatFoxIds = IdsOf(ranked),
        };

        private static IReadOnlyList<MalwareFamily> FamiliesOf(List<NormalisedRecord> ranked)
        {
            if (ranked.Count == 1)
            {
                return ranked[0].Families;
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

        /// <summary>
        /// Returns the union of the records' tags in rank order, compared case-insensitively, keeping the first
        /// spelling. A single record's tag list is reused as it is when it has no duplicates.
        /// </summary>
        private static IReadOnlyList<string> TagsOf(List<NormalisedRecord> ranked)
        {
            if (ranked.Count == 1 && !HasDuplicates(ranked[0].Source.Tags))
            {
                return ranked[0].Source.Tags;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var tags = new List<string>();
            foreach (var tag in ranked.SelectMany(record => record.Source.Tags))
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
