using FeedSync.Normalisation;
using FeedSync.Watchlists;

namespace FeedSync.Sync;

/// <summary>
/// The managed rows a watchlist contains once its plan is applied, in plan order. Rows that the plan writes are kept as
/// built. The row of an unchanged indicator is built from its stored columns and its feed indicator only when it is
/// read, so that planning an unchanged indicator allocates no row. Every read of such an element builds a new, equal row.
/// </summary>
/// <remarks>
/// The stored columns are read when an element is read, so the rows that the workspace returned must not be changed
/// in between. The plan never writes an unchanged row, so applying it leaves them as they were.
/// </remarks>
internal sealed class RetainedRows : IReadOnlyList<IndicatorRow>
{
    private const string UnreadableMessage = "A retained stored row can no longer be read; the rows the workspace returned were changed after planning.";

    private readonly List<Entry> entries;
    private readonly SyncOptions settings;

    /// <summary>Creates an empty list whose rows are built with a copy of the granularity and retentions of <paramref name="options"/>.</summary>
    public RetainedRows(SyncOptions options)
    {
        entries = [];
        settings = new SyncOptions
        {
            Granularity = options.Granularity,
            Retention = new SyncRetentionOptions
            {
                Ip = options.Retention.Ip,
                Domain = options.Retention.Domain,
                Url = options.Retention.Url,
                FileHash = options.Retention.FileHash,
            },
        };
    }

    /// <inheritdoc/>
    public int Count => entries.Count;

    /// <inheritdoc/>
    public IndicatorRow this[int index] => Build(entries[index]);

    /// <summary>Makes room for <paramref name="capacity"/> rows in all, so that adding them allocates no more.</summary>
    public void EnsureCapacity(int capacity) => entries.EnsureCapacity(capacity);

    /// <summary>Adds a row that the plan built.</summary>
    public void Add(IndicatorRow row) => entries.Add(new Entry(row, null));

    /// <summary>
    /// Adds the unchanged row of <paramref name="indicator"/>: its stored columns merged with the feed's row. Only for
    /// columns that <see cref="UnchangedRowCheck.MatchesMergedRow"/> proved unchanged for this indicator.
    /// </summary>
    public void AddMerged(IReadOnlyDictionary<string, string> columns, Indicator indicator) => entries.Add(new Entry(columns, indicator));

    /// <summary>Adds the unchanged row of an indicator that the feed does not mention: its stored columns with the expiry recomputed.</summary>
    public void AddStored(IReadOnlyDictionary<string, string> columns) => entries.Add(new Entry(columns, null));

    /// <inheritdoc/>
    public IEnumerator<IndicatorRow> GetEnumerator()
    {
        for (var index = 0; index < entries.Count; index++)
        {
            yield return Build(entries[index]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IndicatorRow Build(Entry entry)
    {
        if (entry.Source is IndicatorRow row)
        {
            return row;
        }

        var columns = (IReadOnlyDictionary<string, string>)entry.Source;
        return entry.Indicator is { } indicator ? Merged(columns, indicator) : Stored(columns);
    }

    /// <summary>
    /// Builds the merged row of an indicator whose stored row <see cref="UnchangedRowCheck.MatchesMergedRow"/> proved
    /// unchanged, the same row that <see cref="IndicatorRowMapper.Merge"/> returns. Because the stored lists already
    /// contain the feed's families, tags and ids, the merge keeps the stored lists as they are, so only the times and
    /// the single-valued fields, which the merge takes from the feed, need the indicator.
    /// </summary>
    private IndicatorRow Merged(IReadOnlyDictionary<string, string> columns, Indicator indicator)
    {
        if (!IndicatorRowMapper.TryParse(columns, out var stored))
        {
            throw new InvalidOperationException(UnreadableMessage);
        }

        var firstSeen = IndicatorRowMapper.TruncateToSecond(indicator.FirstSeen);
        var lastSeen = TimeGranularity.Floor(indicator.LastActivity, settings.Granularity);
        lastSeen = stored.LastSeen > lastSeen ? stored.LastSeen : lastSeen;
        return stored with
        {
            Kind = indicator.Kind,
            Value = indicator.Value,
            Port = indicator.Port,
            ThreatType = indicator.ThreatType,
            Confidence = indicator.Confidence,
            Reference = indicator.Reference,
            FirstSeen = stored.FirstSeen < firstSeen ? stored.FirstSeen : firstSeen,
            LastSeen = lastSeen,
            ExpiresOn = IndicatorRowMapper.ExpiryOf(lastSeen, settings.Granularity, settings.RetentionFor(indicator.Kind)),
        };
    }

    private IndicatorRow Stored(IReadOnlyDictionary<string, string> columns) =>
        IndicatorRowMapper.TryParse(columns, out var stored)
            ? IndicatorRowMapper.WithExpiry(stored, settings.Granularity, settings.RetentionFor(stored.Kind))
            : throw new InvalidOperationException(UnreadableMessage);

    /// <summary>A built row, or the stored columns of an unchanged row with the feed's indicator when the feed mentions it.</summary>
    private readonly record struct Entry(object Source, Indicator? Indicator);
}
