using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>Collects the records of one run: normalises, filters, merges and counts them.</summary>
internal sealed class IngestAccumulator
{
    private readonly RecordNormaliser normaliser = new();
    private readonly RecordFilter filter;
    private readonly IndicatorMerger merger = new();
    private readonly List<IngestReject> rejects = [];
    private readonly Dictionary<string, long> rejectReasons = new(StringComparer.Ordinal);
    private readonly long[] acceptedByKind = new long[Enum.GetValues<IndicatorKind>().Length];
    private readonly Dictionary<string, long> recordsByFamily = new(StringComparer.OrdinalIgnoreCase);

    public IngestAccumulator(IndicatorFilter filter, DateTimeOffset asOf)
    {
        this.filter = new RecordFilter(filter, asOf);
    }

    /// <summary>The records added so far.</summary>
    public long Records { get; private set; }

    /// <summary>Adds one record as accepted or rejected.</summary>
    public void Add(ThreatFoxRecord record)
    {
        Records++;
        var normalised = normaliser.Normalise(record, out var reject);
        if (normalised is { } accepted)
        {
            reject = filter.Check(accepted, record);
        }

        if (reject is not null)
        {
            // NOTE: every reject is kept with its raw value, so a filter that removes most of a large
            // export keeps an object per removed record until the result is dropped.
            rejects.Add(reject);
            rejectReasons[reject.Reason] = rejectReasons.GetValueOrDefault(reject.Reason) + 1;
            return;
        }

        var kept = normalised!.Value;
        acceptedByKind[(int)kept.Kind]++;
        recordsByFamily[kept.Family.Id] = recordsByFamily.GetValueOrDefault(kept.Family.Id) + 1;
        merger.Add(kept);
    }

    /// <summary>Builds the result from everything added.</summary>
    public IngestResult Build(string source, ThreatFoxFeedFormat format, ThreatFoxFeedFormat? containedFormat, DateTimeOffset asOf)
    {
        var indicators = merger.Build();
        return new IngestResult
        {
            Source = source,
            Format = format,
            ContainedFormat = containedFormat,
            AsOf = asOf,
            Records = Records,
            Accepted = Records - rejects.Count,
            Rejected = rejects.Count,
            ByKind = KindCounts(kind => acceptedByKind[(int)kind]),
            IndicatorsByKind = KindCounts(kind => indicators.LongCount(indicator => indicator.Kind == kind)),
            RejectReasons = Sorted(rejectReasons),
            Families = SummariseFamilies(indicators),
            Indicators = indicators,
            Rejects = rejects,
            UnknownIocTypes = Sorted(normaliser.UnknownIocTypes),
            UnknownThreatTypes = Sorted(normaliser.UnknownThreatTypes),
            Corrections = Sorted(normaliser.Corrections),
        };
    }

    private static SortedDictionary<IndicatorKind, long> KindCounts(Func<IndicatorKind, long> count)
    {
        var counts = new SortedDictionary<IndicatorKind, long>();
        foreach (var kind in Enum.GetValues<IndicatorKind>())
        {
            var value = count(kind);
            if (value > 0)
            {
                counts.Add(kind, value);
            }
        }

        return counts;
    }

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> counts) =>
        new(counts, StringComparer.Ordinal);

    private List<FamilySummary> SummariseFamilies(List<Indicator> indicators)
    {
        var byId = new Dictionary<string, (MalwareFamily Family, long Indicators)>(StringComparer.OrdinalIgnoreCase);
        foreach (var family in indicators.SelectMany(indicator => indicator.Families))
        {
            var current = byId.GetValueOrDefault(family.Id, (family, 0));
            byId[family.Id] = (current.Family, current.Indicators + 1);
        }

        return byId.Values
            .Select(entry => new FamilySummary(entry.Family, entry.Indicators, recordsByFamily.GetValueOrDefault(entry.Family.Id)))
            .OrderByDescending(summary => summary.Indicators)
            .ThenBy(summary => summary.Family.Id, StringComparer.Ordinal)
            .ToList();
    }
}
