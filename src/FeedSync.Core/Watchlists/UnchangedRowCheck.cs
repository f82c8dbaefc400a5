using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// Decides without allocating whether a stored managed row stays as it is: whether the row that the mapper would
/// build for it (<see cref="IndicatorRowMapper.Merge"/> with the feed's row, or <see cref="IndicatorRowMapper.WithExpiry"/>
/// when the feed does not mention it) converts to exactly the stored cells.
/// </summary>
/// <remarks>
/// A true result is a proof: <see cref="IndicatorRowMapper.TryParse"/> reads the row, and
/// <see cref="IndicatorRowMapper.ToColumns"/> of the built row equals every stored cell, a missing cell counting as empty.
/// A false result proves nothing. The row may still be unchanged, for example when a cell is in a form that these
/// checks do not read, so the caller must build the row and compare the columns.
/// </remarks>
internal static class UnchangedRowCheck
{
    /// <summary>
    /// Returns whether merging the stored row with the feed's row of <paramref name="indicator"/> leaves every cell as
    /// stored, and when it does, the merged row's expiry.
    /// </summary>
    /// <remarks>
    /// The merge keeps the earliest first seen, the latest last seen, and the union of families, tags and ThreatFox ids
    /// in stored order. So it leaves the row as stored when the feed's times lie within the stored ones, the stored
    /// lists already contain the feed's items, and every single-valued cell equals the feed's value.
    /// </remarks>
    public static bool MatchesMergedRow(
        IReadOnlyDictionary<string, string> stored,
        Indicator indicator,
        Guid indicatorId,
        TimeSpan granularity,
        TimeSpan retention,
        out DateTimeOffset expiresOn)
    {
        expiresOn = default;

        // TryParse rejects an empty value or an unknown kind, and then the feed's row replaces the stored one instead of merging.
        if (indicator.Value.Length == 0 || !Enum.IsDefined(indicator.Kind))
        {
            return false;
        }

        return TryRead(stored, WatchlistColumns.Indicator, out var value) && string.Equals(value, indicator.Value, StringComparison.Ordinal)
            && TryRead(stored, WatchlistColumns.IndicatorType, out var kind) && string.Equals(kind, IndicatorRowMapper.KindName(indicator.Kind), StringComparison.Ordinal)
            && TryRead(stored, WatchlistColumns.Port, out var port) && (indicator.Port is { } number ? StoredCells.MatchesNumber(port, number) : port.Length == 0)
            && TryRead(stored, WatchlistColumns.ThreatType, out var threatType) && StoredCells.MatchesFreeText(threatType, indicator.ThreatType)
            && TryRead(stored, WatchlistColumns.Confidence, out var confidence) && StoredCells.MatchesNumber(confidence, indicator.Confidence)
            && TryRead(stored, WatchlistColumns.Reference, out var reference) && StoredCells.MatchesFreeText(reference, indicator.Reference ?? string.Empty)
            && IsManagedBy(stored)
            && TryRead(stored, WatchlistColumns.IndicatorId, out var id) && StoredCells.MatchesGuid(id, indicatorId)
            && TryRead(stored, WatchlistColumns.MalwareIds, out var familyIds) && TryRead(stored, WatchlistColumns.Malware, out var familyNames)
            && StoredCells.ContainsFamilies(familyIds, familyNames, indicator.Families)
            && TryRead(stored, WatchlistColumns.Tags, out var tags) && StoredCells.ContainsTags(tags, indicator.Tags)
            && TryRead(stored, WatchlistColumns.ThreatFoxIds, out var threatFoxIds) && StoredCells.ContainsIds(threatFoxIds, indicator.ThreatFoxIds)
            && MatchesMergedTimes(stored, indicator, granularity, retention, out expiresOn);
    }

    /// <summary>
    /// Returns whether a stored row that the feed does not mention is written back as stored once its expiry is
    /// recomputed for the retention of its kind, and when it is, that expiry.
    /// </summary>
    public static bool MatchesStoredRow(
        IReadOnlyDictionary<string, string> stored,
        Guid indicatorId,
        TimeSpan granularity,
        Func<IndicatorKind, TimeSpan> retentionFor,
        out DateTimeOffset expiresOn)
    {
        expiresOn = default;

        if (!TryRead(stored, WatchlistColumns.IndicatorType, out var kindName)
            || !IndicatorRowMapper.TryParseKind(kindName, out var kind)
            || !TryRead(stored, WatchlistColumns.LastSeen, out var lastSeen)
            || !TimeColumnText.TryRead(lastSeen, out var lastSeenTime))
        {
            return false;
        }

        var readable = TryRead(stored, WatchlistColumns.Indicator, out var value) && value.Length > 0
            && TryRead(stored, WatchlistColumns.Port, out var port) && (port.Length == 0 || StoredCells.IsCanonicalNumber(port))
            && TryRead(stored, WatchlistColumns.ThreatType, out var threatType) && StoredCells.IsCanonicalFreeText(threatType)
            && TryRead(stored, WatchlistColumns.Confidence, out var confidence) && StoredCells.IsCanonicalNumber(confidence)
            && TryRead(stored, WatchlistColumns.Reference, out var reference) && StoredCells.IsCanonicalFreeText(reference)
            && IsManagedBy(stored)
            && TryRead(stored, WatchlistColumns.IndicatorId, out var id) && StoredCells.MatchesGuid(id, indicatorId)
            && TryRead(stored, WatchlistColumns.MalwareIds, out var familyIds) && TryRead(stored, WatchlistColumns.Malware, out var familyNames)
            && StoredCells.IsCanonicalFamilies(familyIds, familyNames)
            && TryRead(stored, WatchlistColumns.Tags, out var tags) && StoredCells.ContainsTags(tags, [])
            && TryRead(stored, WatchlistColumns.ThreatFoxIds, out var threatFoxIds) && StoredCells.ContainsIds(threatFoxIds, [])
            && TryRead(stored, WatchlistColumns.FirstSeen, out var firstSeen) && TimeColumnText.TryRead(firstSeen, out _);
        if (!readable)
        {
            return false;
        }

        expiresOn = IndicatorRowMapper.ExpiryOf(lastSeenTime, granularity, retentionFor(kind));
        return TryRead(stored, WatchlistColumns.ExpiresOn, out var expires) && TimeColumnText.Matches(expires, expiresOn);
    }

    /// <summary>
    /// Returns whether the stored time cells equal the merged row's: the earlier first seen and the later last seen of
    /// the stored and the feed's row, and the expiry computed from that last seen.
    /// </summary>
    private static bool MatchesMergedTimes(
        IReadOnlyDictionary<string, string> stored,
        Indicator indicator,
        TimeSpan granularity,
        TimeSpan retention,
        out DateTimeOffset expiresOn)
    {
        expiresOn = default;

        var firstSeen = IndicatorRowMapper.TruncateToSecond(indicator.FirstSeen);
        if (!TryRead(stored, WatchlistColumns.FirstSeen, out var firstSeenCell)
            || !(TimeColumnText.Matches(firstSeenCell, firstSeen) || (TimeColumnText.TryRead(firstSeenCell, out var storedFirstSeen) && storedFirstSeen < firstSeen)))
        {
            return false;
        }

        var lastSeen = TimeGranularity.Floor(indicator.LastActivity, granularity);
        if (!TryRead(stored, WatchlistColumns.LastSeen, out var lastSeenCell))
        {
            return false;
        }

        if (!TimeColumnText.Matches(lastSeenCell, lastSeen))
        {
            if (!TimeColumnText.TryRead(lastSeenCell, out var storedLastSeen) || storedLastSeen <= lastSeen)
            {
                return false;
            }

            lastSeen = storedLastSeen;
        }

        expiresOn = IndicatorRowMapper.ExpiryOf(lastSeen, granularity, retention);
        return TryRead(stored, WatchlistColumns.ExpiresOn, out var expiresCell) && TimeColumnText.Matches(expiresCell, expiresOn);
    }

    private static bool IsManagedBy(IReadOnlyDictionary<string, string> stored) =>
        TryRead(stored, WatchlistColumns.ManagedBy, out var marker)
        && string.Equals(marker, WatchlistColumns.ManagedByValue, StringComparison.Ordinal);

    /// <summary>Reads a cell as the mapper does, a missing cell as empty; returns false for a null value, which no check reads.</summary>
    private static bool TryRead(IReadOnlyDictionary<string, string> stored, string column, out string cell)
    {
        if (!stored.TryGetValue(column, out var value))
        {
            cell = string.Empty;
            return true;
        }

        cell = value!;
        return value is not null;
    }
}
