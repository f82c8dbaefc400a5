using System.Runtime.InteropServices;
using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>Collects the records of one run: normalises, filters, merges and counts them.</summary>
internal sealed class IngestAccumulator
{
    private readonly RecordNormaliser normaliser = new();
    private readonly RecordFilter filter;
    private readonly IndicatorMerger merger;
    private readonly DateTimeOffset latestTimestamp;
    private readonly List<IngestReject> rejects = [];
    private readonly Dictionary<string, long> rejectReasons = new(StringComparer.Ordinal);
    private readonly long[] acceptedByKind = new long[Enum.GetValues<IndicatorKind>().Length];
    private readonly Dictionary<MalwareFamily, long> recordsByFamily = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an accumulator; <paramref name="expectedRecords"/> sizes its tables up front when known.</summary>
    public IngestAccumulator(IndicatorFilter filter, DateTimeOffset asOf, int expectedRecords = 0)
    {
        this.filter = new RecordFilter(filter, asOf);
        merger = new IndicatorMerger(expectedRecords);
        latestTimestamp = asOf <= DateTimeOffset.MaxValue - FutureTolerance ? asOf + FutureTolerance : DateTimeOffset.MaxValue;
    }

    /// <summary>
    /// How far after the as-of time a record's first or last seen may lie, for clocks that differ; a later
    /// time is rejected as <see cref="RejectReasons.FutureTimestamp"/>.
    /// </summary>
    public static TimeSpan FutureTolerance { get; } = TimeSpan.FromDays(1);

    /// <summary>The records added so far.</summary>
    public long Records { get; private set; }

    private ThreatFoxRecordBuilder? loaded;

    /// <summary>Adds one record as accepted or rejected.</summary>
    public void Add(ThreatFoxRecord record)
    {
        loaded ??= new ThreatFoxRecordBuilder();
        loaded.Load(record);
        Add(loaded);
    }

    /// <summary>Adds the record a reader completed in <paramref name="record"/> as accepted or rejected.</summary>
    public void Add(ThreatFoxRecordBuilder record)
    {
        Records++;
        var normalised = normaliser.Normalise(record, out var reject);
        if (normalised is { } accepted)
        {
            reject = CheckTimestamps(accepted, record) ?? filter.Check(accepted, record);
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
        CollectionsMarshal.GetValueRefOrAddDefault(recordsByFamily, kept.Family, out _)++;
        merger.Add(kept);
    }

    private IngestReject? CheckTimestamps(in NormalisedRecord record, ThreatFoxRecordBuilder source)
    {
        var latest = record.LastSeen is { } lastSeen && lastSeen > record.FirstSeen ? lastSeen : record.FirstSeen;
        if (latest <= latestTimestamp)
        {
            return null;
        }

        return RecordNormaliser.Reject(
            source,
            RejectReasons.FutureTimestamp,
            $"the time {latest:yyyy-MM-dd HH:mm:ss} UTC is more than {FutureTolerance.TotalHours:0} hours after the as-of time {latestTimestamp - FutureTolerance:yyyy-MM-dd HH:mm:ss} UTC; check the feed's dates or pass a later --as-of");
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
            IndicatorsByKind = KindCounts(merger.CountOf),
            RejectReasons = Sorted(rejectReasons),
            Families = SummariseFamilies(),
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

    private List<FamilySummary> SummariseFamilies()
    {
        // Family instances with the same id in another case or with other names are summarised as one.
        var byId = new Dictionary<string, (MalwareFamily Family, long Indicators)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (family, indicators) in merger.CountByFamily())
        {
            if (indicators == 0)
            {
                continue;
            }

            var current = byId.GetValueOrDefault(family.Id, (family, 0));
            byId[family.Id] = (current.Family, current.Indicators + indicators);
        }

        var recordsById = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (family, records) in recordsByFamily)
        {
            recordsById[family.Id] = recordsById.GetValueOrDefault(family.Id) + records;
        }

        return byId.Values
            .Select(entry => new FamilySummary(entry.Family, entry.Indicators, recordsById.GetValueOrDefault(entry.Family.Id)))
            .OrderByDescending(summary => summary.Indicators)
            .ThenBy(summary => summary.Family.Id, StringComparer.Ordinal)
            .ToList();
    }
}
