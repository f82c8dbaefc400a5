using System.Globalization;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Tests.Support;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

/// <summary>
/// Checks that <see cref="WatchlistDiffer"/> plans exactly what <see cref="ReferenceWatchlistDiffer"/>, the plain
/// definition of the plan, plans: on the real export pair in every order a sync meets it, and on seeded generated
/// watchlists with hostile text and corrupted cells.
/// </summary>
[TestFixture]
internal sealed class WatchlistDifferEquivalenceTests
{
    private const string BeforeFile = "data/threatfox/export-json-recent-2026-07-24T0838Z.json";
    private const string AfterFile = "data/threatfox/export-json-recent-2026-07-24T1404Z.json";
    private const string AliasPrefix = "ThreatFox";
    private static readonly DateTimeOffset BeforeTime = new(2026, 7, 24, 8, 38, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterTime = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    private IReadOnlyList<Indicator> before = null!;
    private IReadOnlyList<Indicator> after = null!;

    public static IEnumerable<int> Seeds => Enumerable.Range(0, 60);

    [OneTimeSetUp]
    public async Task ReadExportsAsync()
    {
        var pipeline = new IngestPipeline();
        before = (await pipeline.RunAsync(new IngestRequest { Source = SharedData.Require(BeforeFile) })).Indicators;
        after = (await pipeline.RunAsync(new IngestRequest { Source = SharedData.Require(AfterFile) })).Indicators;
    }

    [Test]
    public void Plan_RealPairIncremental_MatchesReference()
    {
        // Arrange: the rows a sync of the older export stored, under item ids the service assigned.
        var options = new SyncOptions();
        var stored = InitialLoad(before, BeforeTime, options, new Random(1));

        // Act and assert
        AssertSamePlans(after, stored, AfterTime, options);
    }

    [Test]
    public void Plan_RealPairRerun_MatchesReference()
    {
        // Arrange: the rows after the incremental sync, planned again with the same export ten minutes later.
        var options = new SyncOptions();
        var stored = Apply(InitialLoad(before, BeforeTime, options, new Random(2)), after, AfterTime, options);

        // Act and assert
        AssertSamePlans(after, stored, AfterTime.AddMinutes(10), options);
    }

    [Test]
    public void Plan_RealPairOlderFeed_MatchesReference()
    {
        // Arrange: rows merged from both exports, planned with the older one, which lacks the newer activity.
        var options = new SyncOptions();
        var stored = Apply(InitialLoad(before, BeforeTime, options, new Random(3)), after, AfterTime, options);

        // Act and assert
        AssertSamePlans(before, stored, AfterTime.AddHours(1), options);
    }

    [TestCase(1)]
    [TestCase(35)]
    [TestCase(100)]
    [TestCase(400)]
    public void Plan_RealPairDaysLater_MatchesReference(int days)
    {
        // Arrange: later runs, where the retention of some or all kinds has passed.
        var options = new SyncOptions();
        var stored = Apply(InitialLoad(before, BeforeTime, options, new Random(4)), after, AfterTime, options);

        // Act and assert
        AssertSamePlans(after, stored, AfterTime.AddDays(days), options);
    }

    [Test]
    public void Plan_RealPairOtherSettings_MatchesReference()
    {
        // Arrange: rows written with the defaults, planned with an hourly granularity and shorter retentions.
        var stored = Apply(InitialLoad(before, BeforeTime, new SyncOptions(), new Random(5)), after, AfterTime, new SyncOptions());
        var options = new SyncOptions
        {
            Granularity = TimeSpan.FromHours(1),
            Retention = { Ip = TimeSpan.FromDays(3), Domain = TimeSpan.FromDays(10), Url = TimeSpan.FromDays(10), FileHash = TimeSpan.FromDays(30) },
        };

        // Act and assert
        AssertSamePlans(after, stored, AfterTime.AddHours(2), options);
    }

    [TestCaseSource(nameof(Seeds))]
    public void Plan_GeneratedRows_MatchesReference(int seed)
    {
        // Arrange
        var generated = GeneratedDiffCase.Create(seed, identities: 400);
        var descriptor = WatchlistLayout.Describe([IndicatorKind.Ip], AliasPrefix);

        // Act
        var expected = ReferenceWatchlistDiffer.Plan(descriptor, true, generated.Feed, generated.Rows, generated.AsOf, generated.Options);
        var actual = WatchlistDiffer.Plan(descriptor, true, generated.Feed, generated.Rows, generated.AsOf, generated.Options);

        // Assert
        AssertSamePlan(expected, actual);
    }

    [Test]
    public void Plan_GeneratedLargeWatchlist_MatchesReference()
    {
        // Arrange: enough indicators and rows that the differ compares them in parallel ranges.
        var generated = GeneratedDiffCase.Create(seed: 7, identities: 3 * ParallelRanges.Threshold);
        var descriptor = WatchlistLayout.Describe([IndicatorKind.Ip], AliasPrefix);

        // Act
        var expected = ReferenceWatchlistDiffer.Plan(descriptor, true, generated.Feed, generated.Rows, generated.AsOf, generated.Options);
        var actual = WatchlistDiffer.Plan(descriptor, true, generated.Feed, generated.Rows, generated.AsOf, generated.Options);

        // Assert
        Assert.That(generated.Feed, Has.Count.GreaterThan(ParallelRanges.Threshold));
        Assert.That(generated.Rows, Has.Count.GreaterThan(ParallelRanges.Threshold));
        AssertSamePlan(expected, actual);
    }

    [TestCaseSource(nameof(Seeds))]
    public void Plan_GeneratedRowsApplied_MatchesReference(int seed)
    {
        // Arrange: the generated rows after the plan for them was written, planned again with the same feed.
        var generated = GeneratedDiffCase.Create(seed, identities: 400);
        var descriptor = WatchlistLayout.Describe([IndicatorKind.Ip], AliasPrefix);
        var first = ReferenceWatchlistDiffer.Plan(descriptor, true, generated.Feed, generated.Rows, generated.AsOf, generated.Options);
        var rows = ApplyPlan(generated.Rows, first);

        // Act
        var expected = ReferenceWatchlistDiffer.Plan(descriptor, true, generated.Feed, rows, generated.AsOf, generated.Options);
        var actual = WatchlistDiffer.Plan(descriptor, true, generated.Feed, rows, generated.AsOf, generated.Options);

        // Assert
        AssertSamePlan(expected, actual);
    }

    /// <summary>Returns the rows a first sync of <paramref name="indicators"/> stores, under random item ids as a bulk upload gets them.</summary>
    private static List<WatchlistRow> InitialLoad(IReadOnlyList<Indicator> indicators, DateTimeOffset asOf, SyncOptions options, Random random)
    {
        var rows = new List<WatchlistRow>();
        foreach (var indicator in indicators)
        {
            var row = IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind));
            if (row.ExpiresOn > asOf)
            {
                rows.Add(new WatchlistRow(RandomGuid(random), IndicatorRowMapper.ToColumns(row)));
            }
        }

        return rows;
    }

    /// <summary>Returns <paramref name="rows"/> after the reference plan of every watchlist for <paramref name="indicators"/> was written.</summary>
    private static List<WatchlistRow> Apply(List<WatchlistRow> rows, IReadOnlyList<Indicator> indicators, DateTimeOffset asOf, SyncOptions options)
    {
        var result = new List<WatchlistRow>();
        foreach (var (descriptor, feed, stored) in Watchlists(indicators, rows))
        {
            result.AddRange(ApplyPlan(stored, ReferenceWatchlistDiffer.Plan(descriptor, true, feed, stored, asOf, options)));
        }

        return result;
    }

    private static List<WatchlistRow> ApplyPlan(IReadOnlyList<WatchlistRow> rows, WatchlistPlan plan)
    {
        var removed = plan.Expiries.Concat(plan.Duplicates).Select(removal => removal.ItemId).ToHashSet();
        var updated = plan.Updates.ToDictionary(update => update.ItemId, update => update.Columns);
        var result = rows
            .Where(row => !removed.Contains(row.ItemId))
            .Select(row => updated.TryGetValue(row.ItemId, out var columns) ? row with { Columns = columns } : row)
            .ToList();
        result.AddRange(plan.Adds.Select(add => new WatchlistRow(add.ItemId, add.Columns)));
        return result;
    }

    private static void AssertSamePlans(IReadOnlyList<Indicator> indicators, List<WatchlistRow> rows, DateTimeOffset asOf, SyncOptions options)
    {
        foreach (var (descriptor, feed, stored) in Watchlists(indicators, rows))
        {
            var expected = ReferenceWatchlistDiffer.Plan(descriptor, true, feed, stored, asOf, options);
            var actual = WatchlistDiffer.Plan(descriptor, true, feed, stored, asOf, options);
            AssertSamePlan(expected, actual);
        }
    }

    private static IEnumerable<(WatchlistDescriptor Descriptor, List<Indicator> Feed, List<WatchlistRow> Rows)> Watchlists(IReadOnlyList<Indicator> indicators, List<WatchlistRow> rows)
    {
        foreach (var group in WatchlistLayout.Groups)
        {
            var kinds = group.Select(IndicatorRowMapper.KindName).ToHashSet(StringComparer.Ordinal);
            var feed = indicators.Where(indicator => group.Contains(indicator.Kind)).ToList();
            var stored = rows.Where(row => kinds.Contains(row.Columns[WatchlistColumns.IndicatorType])).ToList();
            yield return (WatchlistLayout.Describe(group, AliasPrefix), feed, stored);
        }
    }

    private static void AssertSamePlan(WatchlistPlan expected, WatchlistPlan actual)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Descriptor, Is.EqualTo(expected.Descriptor), "descriptor");
            Assert.That(actual.Exists, Is.EqualTo(expected.Exists), "exists");
            Assert.That(actual.Adds.Select(Describe), Is.EqualTo(expected.Adds.Select(Describe)), "additions");
            Assert.That(actual.Updates.Select(Describe), Is.EqualTo(expected.Updates.Select(Describe)), "updates");
            Assert.That(actual.Expiries, Is.EqualTo(expected.Expiries), "expiries");
            Assert.That(actual.Duplicates, Is.EqualTo(expected.Duplicates), "duplicates");
            Assert.That(actual.Unchanged, Is.EqualTo(expected.Unchanged), "unchanged");
            Assert.That(actual.SkippedExpired, Is.EqualTo(expected.SkippedExpired), "skipped as expired");
            Assert.That(actual.ManagedIndicators, Is.EqualTo(expected.ManagedIndicators), "managed indicators");
            Assert.That(actual.UnmanagedRows, Is.EqualTo(expected.UnmanagedRows), "unmanaged rows");
            Assert.That(actual.UnreadableRows, Is.EqualTo(expected.UnreadableRows), "unreadable rows");
            Assert.That(actual.Retained.Select(Describe), Is.EqualTo(expected.Retained.Select(Describe)), "retained rows");
        }
    }

    private static string Describe(PlannedRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.ItemId} {row.IndicatorId} {row.Indicator} [{string.Join(" | ", row.Columns.Select(column => $"{column.Key}={column.Value}"))}] changed: {string.Join(",", row.ChangedColumns)}");

    private static string Describe(IndicatorRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.IndicatorId} {row.Kind} {row.Value} port {row.Port?.ToString(CultureInfo.InvariantCulture) ?? "none"} families [{string.Join(" | ", row.Families.Select(family => $"{family.Id}/{family.Name}/{string.Join(",", family.Aliases)}"))}] threat type {row.ThreatType} confidence {row.Confidence} first {row.FirstSeen:O} last {row.LastSeen:O} expires {row.ExpiresOn:O} tags [{string.Join(" | ", row.Tags)}] reference {row.Reference ?? "none"} ids [{string.Join(",", row.ThreatFoxIds)}]");

    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
