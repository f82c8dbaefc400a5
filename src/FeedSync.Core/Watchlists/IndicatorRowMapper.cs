using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// Maps indicators to watchlist rows and back: rounds times to the granularity, computes the expiry from the
/// retention, merges a stored row with the feed's current view, and converts rows to and from column values.
/// </summary>
/// <remarks>
/// Every column value is produced here, for single-item writes and <c>rawContent</c> uploads alike, so that a
/// row reads back the same whichever way it was written and an unchanged indicator compares equal.
/// </remarks>
internal static class IndicatorRowMapper
{
    /// <summary>The format of every time column: ISO 8601 in UTC to the second, which KQL's <c>todatetime</c> reads.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly IndicatorKind[] Kinds = Enum.GetValues<IndicatorKind>();

    /// <summary>The kind names by the kinds' numeric values, so that <see cref="KindName"/> allocates nothing.</summary>
    private static readonly string?[] KindNames = CreateKindNames();

    private static readonly HashSet<string> FreeTextColumns = new(StringComparer.Ordinal)
    {
        WatchlistColumns.MalwareIds, WatchlistColumns.Malware, WatchlistColumns.ThreatType,
        WatchlistColumns.Tags, WatchlistColumns.Reference,
    };

    /// <summary>Returns whether <paramref name="column"/> contains feed text that needs formula neutralisation.</summary>
    public static bool IsFreeText(string column) => FreeTextColumns.Contains(column);

    /// <summary>Builds the row of <paramref name="indicator"/> as the feed reports it now.</summary>
    public static IndicatorRow FromIndicator(Indicator indicator, TimeSpan granularity, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        var lastSeen = TimeGranularity.Floor(indicator.LastActivity, granularity);
        return new IndicatorRow
        {
            IndicatorId = IndicatorIds.For(indicator),
            Kind = indicator.Kind,
            Value = indicator.Value,
            Port = indicator.Port,
            Families = CleanFamilies(indicator.Families.Count > 0 ? indicator.Families : [MalwareFamily.Unknown]),
            ThreatType = indicator.ThreatType,
            Confidence = indicator.Confidence,
            FirstSeen = TruncateToSecond(indicator.FirstSeen),
            LastSeen = lastSeen,
            ExpiresOn = ExpiryOf(lastSeen, granularity, retention),
            Tags = CleanList(indicator.Tags),
            Reference = indicator.Reference,
            ThreatFoxIds = [.. indicator.ThreatFoxIds.Distinct().Order()],
        };
    }

    /// <summary>
    /// Returns when a row last seen at <paramref name="lastSeen"/> (already rounded down) expires: one
    /// granularity step plus the retention later, rounded up. The real last activity lies within the step
    /// after <paramref name="lastSeen"/>, so a row never leaves before its retention has passed, and leaves at
    /// most one step late.
    /// </summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset lastSeen, TimeSpan granularity, TimeSpan retention) =>
        TimeGranularity.Ceiling(lastSeen + granularity + retention, granularity);

    /// <summary>
    /// Merges a stored row with the feed's current row of the same indicator. Activity only moves forward:
    /// the earliest first seen and the latest last seen win, and families, tags and ThreatFox ids are the union
    /// in stored order, so a record that left the feed's window takes nothing away. The single-valued columns
    /// (threat type, confidence, reference) take the feed's current value.
    /// </summary>
    public static IndicatorRow Merge(IndicatorRow stored, IndicatorRow current, TimeSpan granularity, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(current);

        var lastSeen = stored.LastSeen > current.LastSeen ? stored.LastSeen : current.LastSeen;
        return current with
        {
            Families = UnionBy(stored.Families, current.Families, family => family.Id),
            FirstSeen = stored.FirstSeen < current.FirstSeen ? stored.FirstSeen : current.FirstSeen,
            LastSeen = lastSeen,
            ExpiresOn = ExpiryOf(lastSeen, granularity, retention),
            Tags = UnionBy(stored.Tags, current.Tags, tag => tag),
            ThreatFoxIds = [.. stored.ThreatFoxIds.Union(current.ThreatFoxIds).Order()],
        };
    }

    /// <summary>Returns <paramref name="row"/> with its expiry recomputed for the given granularity and retention.</summary>
    public static IndicatorRow WithExpiry(IndicatorRow row, TimeSpan granularity, TimeSpan retention) =>
        row with { ExpiresOn = ExpiryOf(row.LastSeen, granularity, retention) };

    /// <summary>Converts a row to its column values, in <see cref="WatchlistColumns.All"/> order.</summary>
    public static IReadOnlyDictionary<string, string> ToColumns(IndicatorRow row)
    {
        ArgumentNullException.ThrowIfNull(row);

        var columns = new Dictionary<string, string>(WatchlistColumns.All.Count, StringComparer.Ordinal)
        {
            [WatchlistColumns.Indicator] = row.Value,
            [WatchlistColumns.IndicatorType] = KindName(row.Kind),
            [WatchlistColumns.Port] = row.Port?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            [WatchlistColumns.MalwareIds] = JoinList(row.Families.Select(family => family.Id)),
            [WatchlistColumns.Malware] = string.Join(WatchlistColumns.ListSeparator, row.Families.Select(PrintableName)),
            [WatchlistColumns.ThreatType] = CleanText(row.ThreatType),
            [WatchlistColumns.Confidence] = row.Confidence.ToString(CultureInfo.InvariantCulture),
            [WatchlistColumns.FirstSeen] = FormatTime(row.FirstSeen),
            [WatchlistColumns.LastSeen] = FormatTime(row.LastSeen),
            [WatchlistColumns.ExpiresOn] = FormatTime(row.ExpiresOn),
            [WatchlistColumns.Tags] = JoinList(row.Tags),
            [WatchlistColumns.Reference] = CleanText(row.Reference ?? string.Empty),
            [WatchlistColumns.ThreatFoxIds] = string.Join(WatchlistColumns.ListSeparator, row.ThreatFoxIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
            [WatchlistColumns.ManagedBy] = WatchlistColumns.ManagedByValue,
            [WatchlistColumns.IndicatorId] = row.IndicatorId.ToString("D"),
        };

        foreach (var column in FreeTextColumns)
        {
            columns[column] = FormulaInjection.Neutralise(columns[column]);
        }

        return columns;
    }

    /// <summary>
    /// Reads a managed row's column values back into a typed row. Returns false when a column that the diff
    /// needs (id, kind, value, times) is missing or unreadable.
    /// </summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> columns, out IndicatorRow row)
    {
        ArgumentNullException.ThrowIfNull(columns);

        row = null!;
        if (!Guid.TryParse(Read(columns, WatchlistColumns.IndicatorId), out var indicatorId)
            || !TryParseKind(Read(columns, WatchlistColumns.IndicatorType), out var kind)
            || Read(columns, WatchlistColumns.Indicator) is not { Length: > 0 } value
            || !TryParseTime(Read(columns, WatchlistColumns.FirstSeen), out var firstSeen)
            || !TryParseTime(Read(columns, WatchlistColumns.LastSeen), out var lastSeen)
            || !TryParseTime(Read(columns, WatchlistColumns.ExpiresOn), out var expiresOn))
        {
            return false;
        }

        row = new IndicatorRow
        {
            IndicatorId = indicatorId,
            Kind = kind,
            Value = value,
            Port = int.TryParse(Read(columns, WatchlistColumns.Port), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null,
            Families = ParseFamilies(ReadText(columns, WatchlistColumns.MalwareIds), ReadText(columns, WatchlistColumns.Malware)),
            ThreatType = ReadText(columns, WatchlistColumns.ThreatType),
            Confidence = int.TryParse(Read(columns, WatchlistColumns.Confidence), NumberStyles.None, CultureInfo.InvariantCulture, out var confidence) ? confidence : 0,
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            ExpiresOn = expiresOn,
            Tags = SplitList(ReadText(columns, WatchlistColumns.Tags)),
            Reference = ReadText(columns, WatchlistColumns.Reference) is { Length: > 0 } reference ? reference : null,
            ThreatFoxIds = [.. SplitList(Read(columns, WatchlistColumns.ThreatFoxIds))
                .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1)
                .Where(id => id >= 0)
                .Distinct()
                .Order()],
        };
        return true;
    }

    /// <summary>
    /// Converts a stored row back to an indicator, for consumers that need what a watchlist holds rather than
    /// what the feed reported in this run. The stored value is canonical, so it is also the original value.
    /// </summary>
    public static Indicator ToIndicator(IndicatorRow row)
    {
        ArgumentNullException.ThrowIfNull(row);

        return new Indicator
        {
            Kind = row.Kind,
            Value = row.Value,
            Port = row.Port,
            OriginalValue = row.Value,
            Families = row.Families,
            ThreatType = row.ThreatType,
            Confidence = row.Confidence,
            FirstSeen = row.FirstSeen,
            LastSeen = row.LastSeen,
            Tags = row.Tags,
            Reference = row.Reference,
            ThreatFoxIds = row.ThreatFoxIds,
        };
    }

    /// <summary>Returns the <see cref="WatchlistColumns.IndicatorType"/> value of <paramref name="kind"/>.</summary>
    public static string KindName(IndicatorKind kind) =>
        (uint)kind < (uint)KindNames.Length && KindNames[(int)kind] is { } name ? name : kind.ToString().ToLowerInvariant();

    /// <summary>Reads an <see cref="WatchlistColumns.IndicatorType"/> value; returns false when no kind has that name.</summary>
    public static bool TryParseKind(ReadOnlySpan<char> text, out IndicatorKind kind)
    {
        foreach (var candidate in Kinds)
        {
            if (text.SequenceEqual(KindName(candidate)))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Formats a time as the time columns store it.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static List<MalwareFamily> ParseFamilies(string ids, string names)
    {
        var idList = SplitList(ids);
        var nameList = SplitList(names);
        var families = new List<MalwareFamily>(idList.Count);
        for (var index = 0; index < idList.Count; index++)
        {
            var name = index < nameList.Count ? nameList[index] : idList[index];
            families.Add(new MalwareFamily(idList[index], name, []));
        }

        return families;
    }

    private static string Read(IReadOnlyDictionary<string, string> columns, string column) =>
        columns.TryGetValue(column, out var value) ? value : string.Empty;

    private static string ReadText(IReadOnlyDictionary<string, string> columns, string column) =>
        FormulaInjection.Restore(Read(columns, column));

    private static List<string> SplitList(string text) =>
        [.. text.Split(WatchlistColumns.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string JoinList(IEnumerable<string> items) => string.Join(WatchlistColumns.ListSeparator, CleanList(items));

    /// <summary>
    /// Cleans list items as the list columns store them: no control characters, the separator replaced by a comma,
    /// no surrounding spaces, no empty or repeated items. Cleaning before a merge makes stored and feed items compare equal.
    /// </summary>
    private static List<string> CleanList(IEnumerable<string> items) =>
        [.. items.Select(CleanListItem).Where(item => item.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string CleanListItem(string item) =>
        CleanText(item).Replace(WatchlistColumns.ListSeparator, ",", StringComparison.Ordinal).Trim();

    /// <summary>Returns the family's printable name for the <see cref="WatchlistColumns.Malware"/> list, which stays parallel to the ids.</summary>
    private static string PrintableName(MalwareFamily family) =>
        CleanListItem(family.Name) is { Length: > 0 } name ? name : CleanListItem(family.Id);

    private static List<MalwareFamily> CleanFamilies(IEnumerable<MalwareFamily> families) =>
        [.. families
            .Select(family => family with { Id = CleanListItem(family.Id), Name = CleanListItem(family.Name) })
            .Where(family => family.Id.Length > 0)
            .DistinctBy(family => family.Id, StringComparer.Ordinal)];

    /// <summary>Replaces control characters with spaces, so that no cell carries a line break into the CSV.</summary>
    private static string CleanText(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var characters = text.ToCharArray();
        for (var index = 0; index < characters.Length; index++)
        {
            if (char.IsControl(characters[index]))
            {
                characters[index] = ' ';
            }
        }

        return new string(characters);
    }

    private static List<T> UnionBy<T>(IReadOnlyList<T> stored, IReadOnlyList<T> current, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var union = new List<T>(stored.Count + current.Count);
        foreach (var item in stored.Concat(current))
        {
            if (seen.Add(key(item)))
            {
                union.Add(item);
            }
        }

        return union;
    }

    private static string?[] CreateKindNames()
    {
        var names = new string?[Kinds.Max(kind => (int)kind) + 1];
        foreach (var kind in Kinds)
        {
            names[(int)kind] = kind.ToString().ToLowerInvariant();
        }

        return names;
    }

    /// <summary>Returns <paramref name="time"/> in UTC without its fraction of a second, as the first-seen column stores it.</summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
