using System.Globalization;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Tests.Support;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Sync;

/// <summary>
/// The real before/after ThreatFox export pair, taken 5.5 hours apart, synced in order into the emulator through
/// the Sentinel client, with the sync's clock fixed at each export's time.
/// </summary>
[TestFixture]
[NonParallelizable]
internal sealed class SyncEndToEndTests
{
    private const string BeforeFile = "data/threatfox/export-json-recent-2026-07-24T0838Z.json";
    private const string AfterFile = "data/threatfox/export-json-recent-2026-07-24T1404Z.json";
    private static readonly DateTimeOffset BeforeTime = new(2026, 7, 24, 8, 38, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterTime = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    private string beforePath = null!;
    private string afterPath = null!;
    private IReadOnlyList<Indicator> beforeIndicators = null!;
    private IReadOnlyList<Indicator> afterIndicators = null!;

    [OneTimeSetUp]
    public async Task ReadExportsAsync()
    {
        beforePath = SharedData.Require(BeforeFile);
        afterPath = SharedData.Require(AfterFile);

        var pipeline = new IngestPipeline();
        beforeIndicators = (await pipeline.RunAsync(new IngestRequest { Source = beforePath })).Indicators;
        afterIndicators = (await pipeline.RunAsync(new IngestRequest { Source = afterPath })).Indicators;
    }

    [Test]
    public async Task Sync_ExportPair_WritesOnlyChanges()
    {
        // Arrange
        await using var host = await EmulatorSyncHost.StartAsync(BeforeTime);
        var expected = new ExpectedWatchlists();

        // Act and assert, run 1: the initial load adds every accepted indicator that is not already expired.
        var firstExpected = expected.Apply(beforeIndicators, BeforeTime);
        var first = await host.RunAsync(new SyncRequest { Source = beforePath });
        Assert.That(first.Outcome, Is.EqualTo(SyncOutcome.Succeeded), first.Reason);
        Assert.That(first.Watchlists.Sum(watchlist => watchlist.Added), Is.EqualTo(firstExpected.Added));
        Assert.That(first.Watchlists.Sum(watchlist => watchlist.SkippedExpired), Is.EqualTo(firstExpected.SkippedExpired));
        Assert.That(first.Watchlists.Sum(watchlist => watchlist.Updated), Is.Zero);
        Assert.That(first.Arm.Writes, Is.EqualTo(8), "four watchlists created and one bulk upload each");
        await AssertContentAsync(host, expected);

        // Run 2, 5.5 hours later: only new indicators, expiries and stored-column changes are written.
        host.Clock.SetUtcNow(AfterTime);
        var secondExpected = expected.Apply(afterIndicators, AfterTime);
        var second = await host.RunAsync(new SyncRequest { Source = afterPath });
        Assert.That(second.Outcome, Is.EqualTo(SyncOutcome.Succeeded), second.Reason);
        Assert.That(second.Watchlists.Sum(watchlist => watchlist.Added), Is.EqualTo(secondExpected.Added));
        Assert.That(second.Watchlists.Sum(watchlist => watchlist.Updated), Is.EqualTo(secondExpected.Updated));
        Assert.That(second.Watchlists.Sum(watchlist => watchlist.Removed), Is.EqualTo(secondExpected.Removed));
        Assert.That(second.Arm.Writes, Is.EqualTo(secondExpected.Updated + AddWrites(second)));
        Assert.That(second.Arm.Deletes, Is.EqualTo(secondExpected.Removed));
        await AssertContentAsync(host, expected);

        // Run 3, the same input again: nothing is written.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var third = await host.RunAsync(new SyncRequest { Source = afterPath });
        Assert.That(third.Outcome, Is.EqualTo(SyncOutcome.Succeeded), third.Reason);
        Assert.That(third.Arm.Writes, Is.Zero);
        Assert.That(third.Arm.Deletes, Is.Zero);
        Assert.That(third.Watchlists.Sum(watchlist => watchlist.Unchanged), Is.EqualTo(expected.Rows.Count));
        await AssertContentAsync(host, expected);
    }

    [Test]
    public async Task Sync_CrashMidLoad_Converges()
    {
        // Arrange: every write after the third is cut off, half-way through the initial load.
        await using var host = await EmulatorSyncHost.StartAsync(BeforeTime);
        var expected = new ExpectedWatchlists();
        expected.Apply(beforeIndicators, BeforeTime);
        host.Emulator.Faults.DropConnectionAfterWrites = 3;
        var crashed = await host.RunAsync(new SyncRequest { Source = beforePath });
        host.Emulator.Faults.DropConnectionAfterWrites = null;

        // Act
        var rerun = await host.RunAsync(new SyncRequest { Source = beforePath });

        // Assert
        Assert.That(crashed.Outcome, Is.EqualTo(SyncOutcome.Failed));
        Assert.That(rerun.Outcome, Is.EqualTo(SyncOutcome.Succeeded), rerun.Reason);
        await AssertContentAsync(host, expected);
    }

    [Test]
    public async Task Sync_CrashMidItemWrites_Converges()
    {
        // Arrange: SHA-256 hashes only, written one item at a time, with writes cut off after 40.
        var settings = new Dictionary<string, string?> { ["FeedSync:Sync:BulkAddThreshold"] = "100000" };
        await using var host = await EmulatorSyncHost.StartAsync(BeforeTime, settings, throttling: false);
        var filter = new IndicatorFilter { Kinds = new HashSet<IndicatorKind> { IndicatorKind.Sha256 } };
        var expected = new ExpectedWatchlists();
        expected.Apply(beforeIndicators.Where(indicator => indicator.Kind == IndicatorKind.Sha256), BeforeTime);
        host.Emulator.Faults.DropConnectionAfterWrites = 40;
        var crashed = await host.RunAsync(new SyncRequest { Source = beforePath, Filter = filter });
        host.Emulator.Faults.DropConnectionAfterWrites = null;

        // Act
        var rerun = await host.RunAsync(new SyncRequest { Source = beforePath, Filter = filter });

        // Assert
        Assert.That(crashed.Outcome, Is.EqualTo(SyncOutcome.Failed));
        // Writes already in flight when the limit is reached may still succeed, so the count is a range.
        Assert.That(crashed.Watchlists.Single().Added, Is.InRange(39, 39 + new SyncOptions().MaxParallelWrites));
        Assert.That(crashed.Watchlists.Single().Added, Is.LessThan(expected.Rows.Count));
        Assert.That(rerun.Outcome, Is.EqualTo(SyncOutcome.Succeeded), rerun.Reason);
        await AssertContentAsync(host, expected);
    }

    [Test]
    public async Task Sync_EmptyExport_LeavesWatchlistsUntouched()
    {
        // Arrange
        await using var host = await LoadedHostAsync();
        var before = await SnapshotAsync(host);
        var empty = host.WriteFile("empty-export.json", "{}");

        // Act
        var report = await host.RunAsync(new SyncRequest { Source = empty, AsOf = BeforeTime.AddDays(400) });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Stopped));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(await SnapshotAsync(host), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Sync_BrokenExport_LeavesWatchlistsUntouched()
    {
        // Arrange: the first 100,000 characters of the real export, cut off mid-document.
        await using var host = await LoadedHostAsync();
        var before = await SnapshotAsync(host);
        var truncated = host.WriteFile("truncated-export.json", File.ReadAllText(beforePath)[..100_000]);

        // Act
        var report = await host.RunAsync(new SyncRequest { Source = truncated, AsOf = BeforeTime.AddDays(400) });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Failed));
        Assert.That(report.Reason, Does.Contain("truncated-export.json"));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(await SnapshotAsync(host), Is.EquivalentTo(before));
    }

    [Test]
    public async Task Sync_RemovalAboveThreshold_LeavesWatchlistsUntouched()
    {
        // Arrange: evaluated seven weeks later, every IP address is past its 30-day retention.
        await using var host = await LoadedHostAsync();
        var before = await SnapshotAsync(host);

        // Act
        var report = await host.RunAsync(new SyncRequest { Source = beforePath, AsOf = BeforeTime.AddDays(50) });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Stopped));
        Assert.That(report.Reason, Does.Contain(WatchlistAliases.For(IndicatorKind.Ip)));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(await SnapshotAsync(host), Is.EquivalentTo(before));
    }

    private async Task<EmulatorSyncHost> LoadedHostAsync()
    {
        var host = await EmulatorSyncHost.StartAsync(BeforeTime);
        var load = await host.RunAsync(new SyncRequest { Source = beforePath });
        Assert.That(load.Outcome, Is.EqualTo(SyncOutcome.Succeeded), load.Reason);
        return host;
    }

    /// <summary>One write per bulk upload above the threshold (each export fits one request), one per item below it.</summary>
    private static int AddWrites(SyncReport report) =>
        report.Watchlists.Sum(watchlist => watchlist.Added > new SyncOptions().BulkAddThreshold ? 1 : watchlist.Added);

    private static async Task AssertContentAsync(EmulatorSyncHost host, ExpectedWatchlists expected)
    {
        var content = await host.ReadAllAsync();
        var rows = content.SelectMany(pair => pair.Value.Select(row => (Alias: pair.Key, Row: row))).ToList();
        var actualIds = rows.Select(item => Guid.Parse(item.Row.Columns[WatchlistColumns.IndicatorId])).ToList();
        var expectedRows = expected.Rows;

        Assert.That(actualIds, Is.Unique, "one row per indicator");
        Assert.That(actualIds, Is.EquivalentTo(expectedRows.Keys));

        var mismatches = new List<string>();
        foreach (var (alias, row) in rows)
        {
            var entry = expectedRows[Guid.Parse(row.Columns[WatchlistColumns.IndicatorId])];
            var columns = row.Columns;
            Check(mismatches, entry, WatchlistColumns.Indicator, columns, entry.Value);
            Check(mismatches, entry, WatchlistColumns.Port, columns, entry.Port?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            Check(mismatches, entry, WatchlistColumns.LastSeen, columns, entry.LastSeenDay.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture));
            Check(mismatches, entry, WatchlistColumns.ExpiresOn, columns, entry.ExpiresOn.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            Check(mismatches, entry, WatchlistColumns.ThreatFoxIds, columns, string.Join(';', entry.ThreatFoxIds.Order()));
            Check(mismatches, entry, WatchlistColumns.ManagedBy, columns, "FeedSync");
            if (!columns[WatchlistColumns.MalwareIds].Split(';').ToHashSet().SetEquals(entry.FamilyIds))
            {
                mismatches.Add($"{entry.IdentityKey}: MalwareIds '{columns[WatchlistColumns.MalwareIds]}'");
            }

            if (alias != WatchlistAliases.For(entry.Kind))
            {
                mismatches.Add($"{entry.IdentityKey}: in the wrong watchlist");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    private static void Check(List<string> mismatches, ExpectedWatchlists.Entry entry, string column, IReadOnlyDictionary<string, string> columns, string expected)
    {
        var actual = columns.GetValueOrDefault(column) ?? string.Empty;
        if (actual != expected)
        {
            mismatches.Add($"{entry.IdentityKey}: {column} '{actual}', expected '{expected}'");
        }
    }

    private static async Task<List<string>> SnapshotAsync(EmulatorSyncHost host) =>
        [.. (await host.ReadAllAsync()).SelectMany(pair => pair.Value.Select(row =>
            $"{pair.Key}|{row.ItemId}|{row.ETag}|{string.Join('|', row.Columns.OrderBy(column => column.Key, StringComparer.Ordinal).Select(column => $"{column.Key}={column.Value}"))}"))];
}
