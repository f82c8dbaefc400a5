using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Tests.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class UnchangedRowCheckTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset Seen = new(2026, 7, 24, 8, 30, 0, TimeSpan.Zero);

    public static IEnumerable<int> Seeds => Enumerable.Range(100, 40);

    [Test]
    public void MatchesMergedRow_SyncedRow_True()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);

        // Act
        var matches = MatchesMerged(Stored(indicator), indicator, out var expiresOn);

        // Assert
        Assert.That(matches, Is.True);
        Assert.That(expiresOn, Is.EqualTo(new DateTimeOffset(2026, 8, 24, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void MatchesMergedRow_HostileTextSynced_True()
    {
        // Arrange: every cleaning rule at once: control characters, separators in items, formula starts, spaces.
        var indicator = TestIndicators.Ip("124.198.132.98", null, Seen) with
        {
            Families = [new("=cmd\u0001", " Cmd;Name ", []), new("win.a;b", string.Empty, [])],
            ThreatType = "\tbotnet\u0007cc",
            Tags = ["=1+1", " spaced ", "a;b", "line\nbreak", string.Empty, "=1+1"],
            Reference = "@ref\r\n",
            ThreatFoxIds = [9, 3, 3],
        };

        // Act
        var matches = MatchesMerged(Stored(indicator), indicator, out _);

        // Assert
        Assert.That(matches, Is.True);
    }

    [Test]
    public void MatchesMergedRow_StoredHistoryWider_True()
    {
        // Arrange: the stored row saw the indicator earlier and later, and under more families, tags and ids.
        var current = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var older = current with
        {
            FirstSeen = current.FirstSeen.AddDays(-3),
            LastSeen = Seen.AddDays(2),
            Families = [.. current.Families, new MalwareFamily("win.asyncrat", "AsyncRAT", [])],
            Tags = ["Older", .. current.Tags],
            ThreatFoxIds = [1, .. current.ThreatFoxIds, 99_999_999],
        };
        var stored = Columns(IndicatorRowMapper.Merge(Row(older), Row(current), Day, Month));

        // Act
        var matches = MatchesMerged(stored, current, out var expiresOn);

        // Assert
        Assert.That(matches, Is.True);
        Assert.That(expiresOn, Is.EqualTo(new DateTimeOffset(2026, 8, 26, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase(WatchlistColumns.Tags, "New")]
    [TestCase(WatchlistColumns.MalwareIds, "win.new")]
    [TestCase(WatchlistColumns.ThreatFoxIds, "")]
    [TestCase(WatchlistColumns.LastSeen, "")]
    [TestCase(WatchlistColumns.ThreatType, "payload_delivery")]
    [TestCase(WatchlistColumns.Confidence, "")]
    public void MatchesMergedRow_FeedAddsOrChanges_False(string column, string detail)
    {
        // Arrange
        var stored = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var current = column switch
        {
            WatchlistColumns.Tags => stored with { Tags = [.. stored.Tags, detail] },
            WatchlistColumns.MalwareIds => stored with { Families = [.. stored.Families, new MalwareFamily(detail, "New", [])] },
            WatchlistColumns.ThreatFoxIds => stored with { ThreatFoxIds = [.. stored.ThreatFoxIds, 42] },
            WatchlistColumns.LastSeen => stored with { LastSeen = Seen.AddDays(1) },
            WatchlistColumns.ThreatType => stored with { ThreatType = detail },
            _ => stored with { Confidence = 100 },
        };

        // Act
        var matches = MatchesMerged(Stored(stored), current, out _);

        // Assert
        Assert.That(matches, Is.False);
    }

    [TestCase(WatchlistColumns.Port, "02414")]
    [TestCase(WatchlistColumns.IndicatorId, "upper")]
    [TestCase(WatchlistColumns.Tags, "RAT;RAT;Remcos")]
    [TestCase(WatchlistColumns.Tags, "RAT; Remcos")]
    [TestCase(WatchlistColumns.ThreatType, "=botnet_cc")]
    [TestCase(WatchlistColumns.FirstSeen, "2026-05-26T09:15:00.000Z")]
    [TestCase(WatchlistColumns.ThreatFoxIds, "01500001")]
    public void MatchesMergedRow_NonCanonicalCell_False(string column, string cell)
    {
        // Arrange: a cell that the mapper would write differently, so the row must be rewritten.
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var stored = new Dictionary<string, string>(Stored(indicator))
        {
            [column] = column == WatchlistColumns.IndicatorId ? IndicatorIds.For(indicator).ToString("D").ToUpperInvariant() : cell,
        };

        // Act
        var matches = MatchesMerged(stored, indicator, out _);

        // Assert
        Assert.That(matches, Is.False);
    }

    [Test]
    public void MatchesStoredRow_SyncedRow_True()
    {
        // Arrange
        var indicator = TestIndicators.Domain("evil.example", Seen) with { Tags = ["=x", "y"], Reference = "-ref" };
        var stored = Stored(indicator);

        // Act
        var matches = UnchangedRowCheck.MatchesStoredRow(stored, IndicatorIds.For(indicator), Day, _ => Month, out var expiresOn);

        // Assert
        Assert.That(matches, Is.True);
        Assert.That(expiresOn, Is.EqualTo(new DateTimeOffset(2026, 8, 24, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void MatchesStoredRow_RetentionChanged_False()
    {
        // Arrange
        var indicator = TestIndicators.Domain("evil.example", Seen);
        var stored = Stored(indicator);

        // Act
        var matches = UnchangedRowCheck.MatchesStoredRow(stored, IndicatorIds.For(indicator), Day, _ => Month + Day, out _);

        // Assert
        Assert.That(matches, Is.False);
    }

    [TestCaseSource(nameof(Seeds))]
    public void MatchesMergedRow_Generated_ImpliesSameColumns(int seed)
    {
        // Arrange
        var generated = GeneratedDiffCase.Create(seed, identities: 400);
        var rows = ManagedRowsById(generated.Rows);
        var proven = 0;

        foreach (var indicator in generated.Feed)
        {
            var indicatorId = IndicatorIds.For(indicator);
            if (!rows.TryGetValue(indicatorId, out var stored))
            {
                continue;
            }

            // Act
            var retention = generated.Options.RetentionFor(indicator.Kind);
            if (!UnchangedRowCheck.MatchesMergedRow(stored, indicator, indicatorId, generated.Options.Granularity, retention, out var expiresOn))
            {
                continue;
            }

            // Assert: the plain definition agrees on every column and on the expiry.
            proven++;
            var fresh = IndicatorRowMapper.FromIndicator(indicator, generated.Options.Granularity, retention);
            Assert.That(IndicatorRowMapper.TryParse(stored, out var parsed), Is.True, indicator.IdentityKey);
            var merged = IndicatorRowMapper.Merge(parsed, fresh, generated.Options.Granularity, retention);
            Assert.That(WatchlistDiffer.ChangedColumns(stored, IndicatorRowMapper.ToColumns(merged)), Is.Empty, indicator.IdentityKey);
            Assert.That(expiresOn, Is.EqualTo(merged.ExpiresOn), indicator.IdentityKey);
        }

        Assert.That(proven, Is.GreaterThan(20), "rows the check proved unchanged");
    }

    [TestCaseSource(nameof(Seeds))]
    public void MatchesStoredRow_Generated_ImpliesSameColumns(int seed)
    {
        // Arrange
        var generated = GeneratedDiffCase.Create(seed, identities: 400);
        var proven = 0;

        foreach (var (indicatorId, stored) in ManagedRowsById(generated.Rows))
        {
            // Act
            if (!UnchangedRowCheck.MatchesStoredRow(stored, indicatorId, generated.Options.Granularity, generated.Options.RetentionFor, out var expiresOn))
            {
                continue;
            }

            // Assert
            proven++;
            Assert.That(IndicatorRowMapper.TryParse(stored, out var parsed), Is.True, indicatorId.ToString());
            var desired = IndicatorRowMapper.WithExpiry(parsed, generated.Options.Granularity, generated.Options.RetentionFor(parsed.Kind));
            Assert.That(WatchlistDiffer.ChangedColumns(stored, IndicatorRowMapper.ToColumns(desired)), Is.Empty, indicatorId.ToString());
            Assert.That(expiresOn, Is.EqualTo(desired.ExpiresOn), indicatorId.ToString());
        }

        Assert.That(proven, Is.GreaterThan(20), "rows the check proved unchanged");
    }

    private static bool MatchesMerged(IReadOnlyDictionary<string, string> stored, Indicator indicator, out DateTimeOffset expiresOn) =>
        UnchangedRowCheck.MatchesMergedRow(stored, indicator, IndicatorIds.For(indicator), Day, Month, out expiresOn);

    private static IndicatorRow Row(Indicator indicator) => IndicatorRowMapper.FromIndicator(indicator, Day, Month);

    private static IReadOnlyDictionary<string, string> Columns(IndicatorRow row) => IndicatorRowMapper.ToColumns(row);

    private static IReadOnlyDictionary<string, string> Stored(Indicator indicator) => Columns(Row(indicator));

    /// <summary>Returns the last managed row of every readable indicator id.</summary>
    private static Dictionary<Guid, IReadOnlyDictionary<string, string>> ManagedRowsById(IEnumerable<WatchlistRow> rows)
    {
        var byId = new Dictionary<Guid, IReadOnlyDictionary<string, string>>();
        foreach (var row in rows)
        {
            if (row.Columns.GetValueOrDefault(WatchlistColumns.ManagedBy) == WatchlistColumns.ManagedByValue
                && Guid.TryParse(row.Columns.GetValueOrDefault(WatchlistColumns.IndicatorId), out var indicatorId))
            {
                byId[indicatorId] = row.Columns;
            }
        }

        return byId;
    }
}
