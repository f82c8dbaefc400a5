using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

[TestFixture]
internal sealed class WatchlistDifferTests
{
    private static readonly SyncOptions Options = new();
    private static readonly string[] RetainedAddresses = ["124.198.132.98", "31.76.93.14"];
    private static readonly WatchlistDescriptor IpWatchlist = WatchlistLayout.Describe([IndicatorKind.Ip], "ThreatFox");
    private static readonly DateTimeOffset Seen = new(2026, 7, 24, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    [Test]
    public void Plan_NewIndicator_AddUnderDeterministicId()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);

        // Act
        var plan = Plan([indicator], []);

        // Assert
        Assert.That(plan.Adds, Has.Count.EqualTo(1));
        Assert.That(plan.Adds[0].ItemId, Is.EqualTo(IndicatorIds.For(indicator)));
        Assert.That(plan.Updates, Is.Empty);
    }

    [Test]
    public void Plan_LastSeenMovedWithinDay_Unchanged()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen), Guid.NewGuid());
        var moved = TestIndicators.Ip("124.198.132.98", 2414, Seen.AddHours(5));

        // Act
        var plan = Plan([moved], [stored]);

        // Assert
        Assert.That(plan.Unchanged, Is.EqualTo(1));
        Assert.That(plan.ChangeCount, Is.Zero);
    }

    [Test]
    public void Plan_LastSeenNextDay_UpdatesUnderServiceItemId()
    {
        // Arrange
        var serviceItemId = Guid.NewGuid();
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-1)), serviceItemId);
        var current = TestIndicators.Ip("124.198.132.98", 2414, Seen);

        // Act
        var plan = Plan([current], [stored]);

        // Assert
        Assert.That(plan.Updates, Has.Count.EqualTo(1));
        Assert.That(plan.Updates[0].ItemId, Is.EqualTo(serviceItemId));
        Assert.That(plan.Updates[0].ChangedColumns, Is.EquivalentTo(ColumnNames(WatchlistColumns.LastSeen, WatchlistColumns.ExpiresOn)));
        Assert.That(plan.Adds, Is.Empty);
    }

    [Test]
    public void Plan_StoredRowPastRetention_Expires()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-40)), Guid.NewGuid());

        // Act
        var plan = Plan([], [stored]);

        // Assert
        Assert.That(plan.Expiries, Has.Count.EqualTo(1));
        Assert.That(plan.Expiries[0].ItemId, Is.EqualTo(stored.ItemId));
    }

    [Test]
    public void Plan_AbsentFromFeedWithinRetention_Kept()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-10)), Guid.NewGuid());

        // Act
        var plan = Plan([], [stored]);

        // Assert
        Assert.That(plan.Unchanged, Is.EqualTo(1));
        Assert.That(plan.ChangeCount, Is.Zero);
    }

    [Test]
    public void Plan_AbsentFromFeedWithinRetention_Retained()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-10)), Guid.NewGuid());
        var added = TestIndicators.Ip("31.76.93.14", 1337, Seen);

        // Act
        var plan = Plan([added], [stored]);

        // Assert
        Assert.That(plan.Retained.Select(row => row.Value), Is.EquivalentTo(RetainedAddresses));
    }

    [Test]
    public void Plan_StoredRowPastRetention_NotRetained()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-40)), Guid.NewGuid());

        // Act
        var plan = Plan([], [stored]);

        // Assert
        Assert.That(plan.Retained, Is.Empty);
    }

    [Test]
    public void ToIndicator_StoredRow_KeepsIdentityAndFamilies()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var row = IndicatorRowMapper.FromIndicator(indicator, Options.Granularity, Options.RetentionFor(indicator.Kind));

        // Act
        var restored = IndicatorRowMapper.ToIndicator(row);

        // Assert
        Assert.That(restored.IdentityKey, Is.EqualTo(indicator.IdentityKey));
        Assert.That(restored.Families.Select(family => family.Id), Is.EqualTo(indicator.Families.Select(family => family.Id)));
    }

    [Test]
    public void Plan_FeedIndicatorPastRetention_SkippedNotAdded()
    {
        // Arrange
        var old = TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-45));

        // Act
        var plan = Plan([old], []);

        // Assert
        Assert.That(plan.SkippedExpired, Is.EqualTo(1));
        Assert.That(plan.Adds, Is.Empty);
    }

    [Test]
    public void Plan_UnmanagedRows_NeverTouched()
    {
        // Arrange: an analyst's own row for the same address, and an old one past any retention.
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var analystRow = new WatchlistRow(Guid.NewGuid(), new Dictionary<string, string>
        {
            [WatchlistColumns.Indicator] = "124.198.132.98",
            [WatchlistColumns.LastSeen] = "2020-01-01T00:00:00Z",
            [WatchlistColumns.ExpiresOn] = "2020-02-01T00:00:00Z",
        });
        var lookalike = StoredRow(TestIndicators.Ip("10.9.9.9", 80, Seen.AddDays(-400)), Guid.NewGuid());
        var foreignMarker = lookalike with { Columns = new Dictionary<string, string>(lookalike.Columns) { [WatchlistColumns.ManagedBy] = "Analyst" } };

        // Act
        var plan = Plan([indicator], [analystRow, foreignMarker]);

        // Assert
        Assert.That(plan.UnmanagedRows, Is.EqualTo(2));
        Assert.That(plan.Expiries, Is.Empty);
        Assert.That(plan.Updates, Is.Empty);
        Assert.That(plan.Adds, Has.Count.EqualTo(1));
    }

    [Test]
    public void Plan_DuplicateManagedRows_KeepsDeterministicItemId()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var canonical = StoredRow(indicator, IndicatorIds.For(indicator));
        var bulkCopy = StoredRow(indicator, Guid.NewGuid());
        var secondCopy = StoredRow(indicator, Guid.NewGuid());

        // Act
        var plan = Plan([indicator], [bulkCopy, canonical, secondCopy]);

        // Assert
        Assert.That(plan.Duplicates.Select(duplicate => duplicate.ItemId), Is.EquivalentTo(new[] { bulkCopy.ItemId, secondCopy.ItemId }));
        Assert.That(plan.Unchanged, Is.EqualTo(1));
        Assert.That(plan.ManagedIndicators, Is.EqualTo(1));
    }

    [Test]
    public void Plan_DeterministicIdTakenByOtherRow_UsesAlternateItemId()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var squatter = new WatchlistRow(IndicatorIds.For(indicator), new Dictionary<string, string> { [WatchlistColumns.Indicator] = "analyst row" });

        // Act
        var plan = Plan([indicator], [squatter]);

        // Assert
        Assert.That(plan.Adds.Single().ItemId, Is.EqualTo(IndicatorIds.AlternateItemId(IndicatorIds.For(indicator))));
    }

    [Test]
    public void Plan_ManagedRowWithoutIndicatorId_LeftAlone()
    {
        // Arrange
        var row = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-400)), Guid.NewGuid());
        var unreadable = row with { Columns = new Dictionary<string, string>(row.Columns) { [WatchlistColumns.IndicatorId] = "not-a-guid" } };

        // Act
        var plan = Plan([], [unreadable]);

        // Assert
        Assert.That(plan.UnreadableRows, Is.EqualTo(1));
        Assert.That(plan.ChangeCount, Is.Zero);
    }

    [Test]
    public void Plan_RetentionShortened_RecomputesExpiryOfAbsentRow()
    {
        // Arrange
        var stored = StoredRow(TestIndicators.Ip("124.198.132.98", 2414, Seen.AddDays(-10)), Guid.NewGuid());
        var shorter = new SyncOptions { Retention = { Ip = TimeSpan.FromDays(20) } };

        // Act
        var plan = WatchlistDiffer.Plan(IpWatchlist, true, [], [stored], AsOf, shorter);

        // Assert
        Assert.That(plan.Updates.Single().ChangedColumns, Is.EqualTo(ColumnNames(WatchlistColumns.ExpiresOn)));
    }

    [Test]
    public void Plan_RowWithExtraServiceColumn_Unchanged()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen);
        var stored = StoredRow(indicator, Guid.NewGuid());
        var withExtra = stored with { Columns = new Dictionary<string, string>(stored.Columns) { ["SearchKey"] = "124.198.132.98" } };

        // Act
        var plan = Plan([indicator], [withExtra]);

        // Assert
        Assert.That(plan.Unchanged, Is.EqualTo(1));
    }

    [Test]
    public void Plan_UnchangedIndicators_AllocateNoRows()
    {
        // Arrange: a synced watchlist planned again with the same feed, on one thread because the feed is small.
        var indicators = TestIndicators.ManyIps(5_000, Seen);
        IReadOnlyCollection<WatchlistRow> rows = [.. indicators.Select(indicator => StoredRow(indicator, IndicatorIds.For(indicator)))];
        Plan(indicators, rows);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var plan = Plan(indicators, rows);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: the index, the comparisons and the retained entries take about 230 bytes per indicator; one built row takes several kilobytes.
        Assert.That(plan.Unchanged, Is.EqualTo(indicators.Count));
        Assert.That(allocated / indicators.Count, Is.LessThan(400));
    }

    [Test]
    public void Plan_UnchangedIndicators_RetainedRowsAsMerged()
    {
        // Arrange
        var indicator = TestIndicators.Ip("124.198.132.98", 2414, Seen.AddHours(2));
        var earlier = indicator with { Tags = ["Older", .. indicator.Tags], LastSeen = Seen };
        var stored = StoredRow(earlier, Guid.NewGuid());
        var retention = Options.RetentionFor(indicator.Kind);
        var merged = IndicatorRowMapper.Merge(
            IndicatorRowMapper.FromIndicator(earlier, Options.Granularity, retention),
            IndicatorRowMapper.FromIndicator(indicator, Options.Granularity, retention),
            Options.Granularity,
            retention);
        var storedOnly = StoredRow(TestIndicators.Ip("31.76.93.14", 1337, Seen.AddDays(-2)), Guid.NewGuid());

        // Act
        var plan = Plan([indicator], [storedOnly, stored]);

        // Assert: the unchanged indicator's row keeps the stored tag, and the row the feed did not mention is kept as stored.
        Assert.That(plan.Unchanged, Is.EqualTo(2));
        Assert.That(plan.Retained, Has.Count.EqualTo(2));
        Assert.That(plan.Retained[0].Tags, Is.EqualTo(merged.Tags));
        Assert.That(plan.Retained[0].ExpiresOn, Is.EqualTo(merged.ExpiresOn));
        Assert.That(plan.Retained[1].Value, Is.EqualTo("31.76.93.14"));
    }

    [TestCase(10)]
    [TestCase(ParallelRanges.Threshold * 2)]
    public void Plan_NullIndicator_ThrowsArgumentNull(int count)
    {
        // Arrange: small feeds are compared on the calling thread, large ones in parallel ranges.
        var indicators = new List<Indicator>(TestIndicators.ManyIps(count - 1, Seen)) { null! };

        // Act and assert
        Assert.That(() => Plan(indicators, []), Throws.ArgumentNullException);
    }

    private static WatchlistPlan Plan(IEnumerable<Indicator> indicators, IReadOnlyCollection<WatchlistRow> rows) =>
        WatchlistDiffer.Plan(IpWatchlist, rows.Count > 0, indicators, rows, AsOf, Options);

    private static string[] ColumnNames(params string[] names) => names;

    private static WatchlistRow StoredRow(Indicator indicator, Guid itemId) =>
        new(itemId, IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, Options.Granularity, Options.RetentionFor(indicator.Kind))));
}
