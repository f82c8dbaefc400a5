using System.Globalization;
using FeedSync.Normalisation;
using FeedSync.Sentinel.Workspace;
using FeedSync.Sync;
using FeedSync.Tests.Hunting;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// A hostile export synced end to end, through the real ingest pipeline, the sync, the Sentinel client and the
/// emulator, once with bulk CSV uploads and watchlist-style hunting queries and once with single-item writes and
/// inline hunting queries. Every accepted indicator must be stored once with exactly the expected columns. No cell
/// may carry a line break or start a spreadsheet formula. Every published hunting query must parse cleanly in the
/// official Kusto language service, with each hostile value intact inside one string literal.
/// </summary>
[TestFixture]
[Category("Reliability")]
[NonParallelizable]
internal sealed class HostileContentTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    private readonly Dictionary<string, SyncedFeed> runs = new(StringComparer.Ordinal);
    private ReliabilityEmulator harness = null!;
    private string folder = null!;
    private IngestResult ingested = null!;
    private IReadOnlyDictionary<string, KqlCheckResult>? kqlResults;

    public static IEnumerable<string> Paths => ["bulk", "items"];

    [OneTimeSetUp]
    public async Task SyncHostileFeedAsync()
    {
        harness = await ReliabilityEmulator.StartAsync();
        folder = Directory.CreateTempSubdirectory("feedsync-hostile-").FullName;
        var path = Path.Combine(folder, "hostile.json");
        HostileFeed.Write(path);
        ingested = await new IngestPipeline().RunAsync(new IngestRequest { Source = path, AsOf = AsOf });

        runs["bulk"] = await SyncAsync(path, "HostileBulk", bulkAddThreshold: 0, style: "Watchlist");
        runs["items"] = await SyncAsync(path, "HostileItems", bulkAddThreshold: 100_000, style: "Inline");
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        await harness.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void HostileFeed_Ingest_RejectsOnlyInvalidValues()
    {
        var records = HostileFeed.Iocs.Count + HostileFeed.FamilyNames.Count;

        Assert.That(ingested.Records, Is.EqualTo(records));
        Assert.That(ingested.Accepted + ingested.Rejected, Is.EqualTo(records));
        Assert.That(HostileFeed.InvalidFamilyIds, Has.Count.EqualTo(3));
        Assert.That(ingested.Rejects.Select(reject => reject.RawValue), Is.EquivalentTo(HostileFeed.ExpectedRejects()), string.Join("\n", ingested.Rejects.Select(reject => $"{reject.Reason}: {reject.RawValue} ({reject.Detail})")));
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_Sync_Succeeds(string path)
    {
        var report = runs[path].Report;

        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded), report.Reason);
        Assert.That(report.Watchlists.Sum(watchlist => watchlist.Added), Is.EqualTo(ingested.Indicators.Count));
        Assert.That(report.Hunting, Is.Not.Null);
        Assert.That(report.Hunting!.Created, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_Rows_MatchIndicatorsExactly(string path)
    {
        var options = new SyncOptions();
        var expected = ingested.Indicators.ToDictionary(
            IndicatorIds.For,
            indicator => Format(IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, options.Granularity, options.RetentionFor(indicator.Kind)))));
        var stored = runs[path].Rows;

        Assert.That(stored, Has.Count.EqualTo(expected.Count));
        Assert.That(stored.Select(IndicatorIdOf).Distinct().Count(), Is.EqualTo(stored.Count), "Each indicator is stored once.");
        foreach (var row in stored)
        {
            Assert.That(Format(row.Columns), Is.EqualTo(expected[IndicatorIdOf(row)]), $"{path}: {Abbreviate(row.Columns[WatchlistColumns.Indicator])}");
        }
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_Cells_HaveNoBreaksOrFormulas(string path)
    {
        foreach (var row in runs[path].Rows)
        {
            foreach (var (column, value) in row.Columns)
            {
                Assert.That(value.Any(char.IsControl), Is.False, $"{path}: {column} of {Abbreviate(row.Columns[WatchlistColumns.Indicator])} holds a control character.");
                Assert.That(IsFormula(value), Is.False, $"{path}: {column} starts a formula: {Abbreviate(value)}");
            }
        }
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_FormulaFamilies_AreNeutralised(string path)
    {
        var malware = runs[path].Rows.Select(row => row.Columns[WatchlistColumns.Malware]).ToList();

        Assert.That(malware, Has.Some.EqualTo("'=HYPERLINK(\"http://198.51.100.9/\",\"open\")"));
        Assert.That(malware, Has.Some.EqualTo("'+cmd|' /C calc'!A0"));
        Assert.That(malware, Has.Some.EqualTo("'-2+3"));
        Assert.That(malware, Has.Some.EqualTo("'@SUM(1+1)*cmd|' /C calc'!A0"));
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_HostNames_StoredAsPunycode(string path)
    {
        var values = runs[path].Rows.Select(row => row.Columns[WatchlistColumns.Indicator]).ToList();

        Assert.That(values, Has.Member("xn--bcher-kva.example"));
        Assert.That(values, Has.Member("xn--pple-43d.com"));
        Assert.That(values, Has.Member("xn--r8jz45g.xn--zckzah"));
        Assert.That(values, Has.Member("mixedcase-evil.example"));
        Assert.That(values.Where(value => value.StartsWith("http://xn--bcher-kva.example/", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1));
        Assert.That(values.Where(value => value.Any(character => character > 0x7f) && !value.StartsWith("http", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCaseSource(nameof(Paths))]
    public void HostileFeed_HuntingQueries_ParseCleanly(string path)
    {
        var queries = runs[path].Queries;

        var results = CheckQueries(path);

        Assert.That(queries, Is.Not.Empty);
        Assert.That(results, Has.Count.EqualTo(queries.Count));
        foreach (var (id, result) in results)
        {
            Assert.That(result.Errors, Is.Empty, $"{path}: {id}\n{queries[id]}");
        }
    }

    [Test]
    public void InlineQueries_KeepHostileValuesIntact()
    {
        var literals = CheckQueries("items").Values.SelectMany(result => result.Literals).ToHashSet(StringComparer.Ordinal);
        var hostileValues = ingested.Indicators
            .Where(indicator => indicator.Kind is IndicatorKind.Url or IndicatorKind.Domain)
            .Select(indicator => indicator.Value)
            .Where(value => value.IndexOfAny(['\'', '"', '\\', '|', ';']) >= 0)
            .ToList();

        Assert.That(hostileValues, Has.Count.GreaterThanOrEqualTo(4));
        foreach (var value in hostileValues)
        {
            Assert.That(literals.Contains(value) || literals.Contains(value.ToLowerInvariant()), Is.True, $"{Abbreviate(value)} is not one intact literal of any query.");
        }
    }

    /// <summary>
    /// Returns the language service's verdict on the queries that <paramref name="path"/> published. Both runs are
    /// checked in one Node.js process, on first use, so that a machine without Node.js skips only these tests.
    /// </summary>
    private Dictionary<string, KqlCheckResult> CheckQueries(string path)
    {
        kqlResults ??= KqlChecker.Check(runs
            .SelectMany(run => run.Value.Queries.Select(query => (Id: $"{run.Key}/{query.Key}", query.Value)))
            .ToDictionary(query => query.Id, query => query.Value, StringComparer.Ordinal));
        return kqlResults
            .Where(result => result.Key.StartsWith(path + "/", StringComparison.Ordinal))
            .ToDictionary(result => result.Key[(path.Length + 1)..], result => result.Value, StringComparer.Ordinal);
    }

    private async Task<SyncedFeed> SyncAsync(string source, string prefix, int bulkAddThreshold, string style)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FeedSync:Sync:AliasPrefix"] = prefix,
            ["FeedSync:Sync:BulkAddThreshold"] = bulkAddThreshold.ToString(CultureInfo.InvariantCulture),
            ["FeedSync:Hunting:WatchlistAliasPrefix"] = prefix,
            ["FeedSync:Hunting:Style"] = style,
        };
        foreach (var (family, index) in HostileFeed.FamilyNames.Select((family, index) => (family, index)))
        {
            settings[$"FeedSync:Hunting:Families:{index}"] = family;
        }

        var workspace = new SentinelWorkspace(harness.CreateClient());
        using var stack = new SyncStack(workspace, harness.Clock, settings, (services, configuration) =>
        {
            services.AddFeedSyncIngestion(configuration);
            services.AddFeedSyncHunting();
            services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        });

        var report = await stack.Runner.RunAsync(new SyncRequest { Source = source, AsOf = AsOf });

        var contents = await harness.ReadWatchlistsAsync(prefix);
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var savedSearch in workspace.ListSavedSearchesAsync())
        {
            if (savedSearch.Category == "Hunting Queries")
            {
                queries[savedSearch.Id] = savedSearch.Query;
            }
        }

        return new SyncedFeed(report, [.. contents.Values.SelectMany(rows => rows)], queries);
    }

    private static bool IsFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static Guid IndicatorIdOf(WatchlistRow row) => Guid.Parse(row.Columns[WatchlistColumns.IndicatorId]);

    private static string Format(IReadOnlyDictionary<string, string> columns) =>
        string.Join(", ", columns.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    private static string Abbreviate(string value) => value.Length <= 120 ? value : $"{value[..120]}... ({value.Length} characters)";

    private sealed record SyncedFeed(SyncReport Report, IReadOnlyList<WatchlistRow> Rows, IReadOnlyDictionary<string, string> Queries);
}
