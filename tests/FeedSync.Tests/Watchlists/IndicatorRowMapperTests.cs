using FeedSync.Normalisation;
using FeedSync.Tests.Sync;
using FeedSync.Watchlists;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class IndicatorRowMapperTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [Test]
    public void ToColumns_IpIndicator_EveryColumn()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, new DateTimeOffset(2026, 7, 24, 13, 43, 48, TimeSpan.Zero));
        var row = IndicatorRowMapper.FromIndicator(indicator, Day, Month);

        // Act
        var columns = IndicatorRowMapper.ToColumns(row);

        // Assert
        Assert.That(columns.Keys, Is.EqualTo(WatchlistColumns.All));
        Assert.That(columns[WatchlistColumns.Indicator], Is.EqualTo("124.198.132.98"));
        Assert.That(columns[WatchlistColumns.IndicatorType], Is.EqualTo("ip"));
        Assert.That(columns[WatchlistColumns.Port], Is.EqualTo("2414"));
        Assert.That(columns[WatchlistColumns.MalwareIds], Is.EqualTo("win.remcos"));
        Assert.That(columns[WatchlistColumns.Malware], Is.EqualTo("Remcos"));
        Assert.That(columns[WatchlistColumns.ThreatType], Is.EqualTo("botnet_cc"));
        Assert.That(columns[WatchlistColumns.Confidence], Is.EqualTo("75"));
        Assert.That(columns[WatchlistColumns.FirstSeen], Is.EqualTo("2026-05-26T09:15:00Z"));
        Assert.That(columns[WatchlistColumns.LastSeen], Is.EqualTo("2026-07-24T00:00:00Z"));
        Assert.That(columns[WatchlistColumns.ExpiresOn], Is.EqualTo("2026-08-24T00:00:00Z"));
        Assert.That(columns[WatchlistColumns.Tags], Is.EqualTo("RAT;Remcos"));
        Assert.That(columns[WatchlistColumns.Reference], Is.EqualTo("https://example.org/remcos-report"));
        Assert.That(columns[WatchlistColumns.ThreatFoxIds], Is.EqualTo("1500001"));
        Assert.That(columns[WatchlistColumns.ManagedBy], Is.EqualTo("FeedSync"));
        Assert.That(columns[WatchlistColumns.IndicatorId], Is.EqualTo(IndicatorIds.For(indicator).ToString("D")));
    }

    [Test]
    public void ExpiryOf_NeverBeforeRetentionPassed()
    {
        // Arrange: the latest activity inside the day that rounds down to 2026-07-24.
        var lastActivity = new DateTimeOffset(2026, 7, 24, 23, 59, 59, TimeSpan.Zero);
        var lastSeen = TimeGranularity.Floor(lastActivity, Day);

        // Act
        var expiresOn = IndicatorRowMapper.ExpiryOf(lastSeen, Day, Month);

        // Assert
        Assert.That(expiresOn - lastActivity, Is.GreaterThan(Month));
        Assert.That(expiresOn - lastActivity, Is.LessThanOrEqualTo(Month + Day));
    }

    [Test]
    public void TryParse_WrittenColumns_SameRow()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, new DateTimeOffset(2026, 7, 24, 13, 43, 48, TimeSpan.Zero)) with
        {
            Families = [TestIndicators.Remcos, new MalwareFamily("win.asyncrat", "AsyncRAT", [])],
            Tags = ["-cmd", "Remcos"],
            Reference = "=HYPERLINK(\"https://evil.example\")",
            ThreatFoxIds = [7, 3],
        };
        var row = IndicatorRowMapper.FromIndicator(indicator, Day, Month);

        // Act
        var parsed = IndicatorRowMapper.TryParse(IndicatorRowMapper.ToColumns(row), out var readBack);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(readBack.IndicatorId, Is.EqualTo(row.IndicatorId));
        Assert.That(readBack.Kind, Is.EqualTo(IndicatorKind.Ip));
        Assert.That(readBack.Port, Is.EqualTo(2414));
        Assert.That(readBack.Families.Select(family => family.Id), Is.EqualTo(Texts("win.remcos", "win.asyncrat")));
        Assert.That(readBack.Families.Select(family => family.Name), Is.EqualTo(Texts("Remcos", "AsyncRAT")));
        Assert.That(readBack.Tags, Is.EqualTo(Texts("-cmd", "Remcos")));
        Assert.That(readBack.Reference, Is.EqualTo(indicator.Reference));
        Assert.That(readBack.ThreatFoxIds, Is.EqualTo(Ids(3, 7)));
        Assert.That(readBack.FirstSeen, Is.EqualTo(row.FirstSeen));
        Assert.That(readBack.LastSeen, Is.EqualTo(row.LastSeen));
        Assert.That(readBack.ExpiresOn, Is.EqualTo(row.ExpiresOn));
    }

    [Test]
    public void ToColumns_FormulaCells_Neutralised()
    {
        // Arrange
        var indicator = TestIndicators.Domain("example.com") with
        {
            Tags = ["@SUM(1+1)", "ok"],
            Reference = "=cmd|' /C calc'!A0",
            ThreatType = "+botnet",
            Families = [new MalwareFamily("-win.x", "-X", [])],
        };

        // Act
        var columns = IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, Day, Month));

        // Assert
        Assert.That(columns[WatchlistColumns.Tags], Is.EqualTo("'@SUM(1+1);ok"));
        Assert.That(columns[WatchlistColumns.Reference], Is.EqualTo("'=cmd|' /C calc'!A0"));
        Assert.That(columns[WatchlistColumns.ThreatType], Is.EqualTo("'+botnet"));
        Assert.That(columns[WatchlistColumns.MalwareIds], Is.EqualTo("'-win.x"));
        Assert.That(columns[WatchlistColumns.Malware], Is.EqualTo("'-X"));
    }

    [Test]
    public void ToColumns_ListItemWithSeparator_ReplacedByComma()
    {
        // Arrange
        var indicator = TestIndicators.Domain("example.com") with { Tags = ["a;b", " c ", "", "line\nbreak"] };

        // Act
        var columns = IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, Day, Month));

        // Assert
        Assert.That(columns[WatchlistColumns.Tags], Is.EqualTo("a,b;c;line break"));
    }

    [Test]
    public void Merge_OlderFeedView_KeepsLatestActivityAndUnion()
    {
        // Arrange
        var newer = TestIndicators.Ip("31.76.93.14", 1337, new DateTimeOffset(2026, 7, 24, 10, 0, 0, TimeSpan.Zero), threatFoxId: 2);
        var older = TestIndicators.Ip("31.76.93.14", 1337, new DateTimeOffset(2026, 7, 20, 10, 0, 0, TimeSpan.Zero), threatFoxId: 1) with
        {
            Families = [new MalwareFamily("win.asyncrat", "AsyncRAT", [])],
            Tags = ["AsyncRAT"],
            Confidence = 100,
        };
        var stored = IndicatorRowMapper.FromIndicator(newer, Day, Month);
        var current = IndicatorRowMapper.FromIndicator(older, Day, Month);

        // Act
        var merged = IndicatorRowMapper.Merge(stored, current, Day, Month);

        // Assert
        Assert.That(merged.LastSeen, Is.EqualTo(stored.LastSeen));
        Assert.That(merged.ExpiresOn, Is.EqualTo(stored.ExpiresOn));
        Assert.That(merged.Families.Select(family => family.Id), Is.EqualTo(Texts("win.remcos", "win.asyncrat")));
        Assert.That(merged.Tags, Is.EqualTo(Texts("RAT", "Remcos", "AsyncRAT")));
        Assert.That(merged.ThreatFoxIds, Is.EqualTo(Ids(1, 2)));
        Assert.That(merged.Confidence, Is.EqualTo(100));
    }

    [Test]
    public void TryParse_MissingIndicatorId_ReturnsFalse()
    {
        // Arrange
        var columns = new Dictionary<string, string>(IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(TestIndicators.Domain("example.com"), Day, Month)));
        columns.Remove(WatchlistColumns.IndicatorId);

        // Act
        var parsed = IndicatorRowMapper.TryParse(columns, out _);

        // Assert
        Assert.That(parsed, Is.False);
    }

    private static string[] Texts(params string[] texts) => texts;

    private static long[] Ids(params long[] ids) => ids;
}
