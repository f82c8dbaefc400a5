using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Hunting;

/// <summary>
/// Checks every generated query with the official Kusto language service: all query sets are collected first and
/// checked in one Node.js run, then each test asserts on its own set.
/// </summary>
[TestFixture]
internal sealed class KqlValidationTests
{
    private const int FuzzStrings = 200;

    private static readonly HuntingQueryStyle[] Styles = [HuntingQueryStyle.Watchlist, HuntingQueryStyle.Inline];

    private readonly Dictionary<string, string> queries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> expectedLiterals = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, KqlCheckResult> results = new Dictionary<string, KqlCheckResult>();

    [OneTimeSetUp]
    public async Task CheckEveryQuery()
    {
        var sample = await HuntingSources.ReadAsync(HuntingSources.SamplePath);
        var exports = new List<(string Name, IReadOnlyList<Indicator> Indicators)>();
        foreach (var export in HuntingSources.RealExports)
        {
            exports.Add((Path.GetFileName(export), await HuntingSources.ReadAsync(SharedData.Require(export))));
        }

        foreach (var style in Styles)
        {
            AddContent($"sample/{style}", HuntingTestData.Family(sample, "Remcos", options => options.Style = style));
            foreach (var (name, indicators) in exports)
            {
                AddEveryFamily($"real/{name}/{style}", indicators, style);
            }

            AddContent($"remcos/{style}", HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options => options.Style = style));
            AddContent($"all-kinds/{style}", HuntingTestData.Family(HuntingTestData.CobaltStrikeIndicators, "win.cobalt_strike", options => options.Style = style));
            AddFeedWide($"feed-wide/{style}", [.. HuntingTestData.RemcosIndicators, .. HuntingTestData.CobaltStrikeIndicators], style);
            AddInjectionCases(style);
        }

        AddLiteralRoundTrips();
        results = KqlChecker.Check(queries);
    }

    [Test]
    public void SampleQueries_HaveNoErrors()
    {
        AssertNoErrors("sample/");
    }

    [Test]
    public void RealExportQueries_HaveNoErrors()
    {
        foreach (var export in HuntingSources.RealExports)
        {
            AssertNoErrors($"real/{Path.GetFileName(export)}/");
        }
    }

    [Test]
    public void RemcosQueries_HaveNoErrors()
    {
        AssertNoErrors("remcos/");
    }

    [Test]
    public void AllKindsQueries_HaveNoErrors()
    {
        AssertNoErrors("all-kinds/");
    }

    [Test]
    public void FeedWideQueries_HaveNoErrors()
    {
        AssertNoErrors("feed-wide/");
    }

    [Test]
    public void IocValueInjection_IsNeutralised()
    {
        AssertNeutralised("injection/ioc-value/");
    }

    [Test]
    public void FamilyInjection_IsNeutralised()
    {
        AssertNeutralised("injection/family/");
    }

    [Test]
    public void TagInjection_IsNeutralised()
    {
        AssertNeutralised("injection/tag/");
    }

    [Test]
    public void ExclusionInjection_IsNeutralised()
    {
        AssertNeutralised("injection/exclusion/");
    }

    [Test]
    public void Literals_RoundTripThroughLanguageService()
    {
        var checkedCount = 0;
        foreach (var (id, expected) in expectedLiterals.Where(entry => entry.Key.StartsWith("literal/", StringComparison.Ordinal)))
        {
            var result = results[id];
            Assert.That(result.Errors, Is.Empty, id);
            Assert.That(result.Literals, Is.EqualTo(expected), id);
            checkedCount++;
        }

        Assert.That(checkedCount, Is.EqualTo(HuntingTestData.HostileStrings.Count + FuzzStrings));
    }

    private void AssertNoErrors(string prefix)
    {
        var checkedIds = results.Keys.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.That(checkedIds, Is.Not.Empty);
        foreach (var id in checkedIds)
        {
            Assert.That(results[id].Errors, Is.Empty, $"{id}\n{queries[id]}");
        }
    }

    private void AssertNeutralised(string prefix)
    {
        AssertNoErrors(prefix);
        foreach (var (id, expected) in expectedLiterals.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.That(results[id].Literals, Is.SupersetOf(expected), $"{id}\n{queries[id]}");
        }
    }

    private void AddContent(string prefix, HuntingFamilyContent content)
    {
        foreach (var query in content.Queries)
        {
            queries[$"{prefix}/{query.ScopeKey}/{query.Table}/{query.Variant}"] = query.Query;
        }
    }

    private void AddEveryFamily(string prefix, IReadOnlyList<Indicator> indicators, HuntingQueryStyle style)
    {
        var families = indicators.SelectMany(indicator => indicator.Families).Select(family => family.Id).Distinct(StringComparer.Ordinal).ToList();
        var content = HuntingTestData.Builder(options =>
        {
            options.Style = style;
            foreach (var family in families)
            {
                options.Families.Add(family);
            }
        }).Build(indicators);
        Assert.That(content.Scopes, Has.Count.EqualTo(families.Count + 1), $"{prefix}: every family and the feed-wide set have queries.");
        foreach (var scope in content.Scopes)
        {
            AddContent(prefix, scope);
        }
    }

    private void AddFeedWide(string prefix, IReadOnlyList<Indicator> indicators, HuntingQueryStyle style)
    {
        var content = HuntingTestData.Builder(options => options.Style = style).Build(indicators);
        foreach (var scope in content.Scopes)
        {
            AddContent(prefix, scope);
        }
    }

    private void AddInjectionCases(HuntingQueryStyle style)
    {
        var hostileStrings = HuntingTestData.HostileStrings;
        var family = HuntingTestData.Remcos;
        var firstSeen = HuntingTestData.RemcosFirstSeen;

        List<Indicator> iocs =
        [
            .. hostileStrings.Select(hostile => HuntingTestData.Create(IndicatorKind.Url, hostile, family, "payload_delivery", firstSeen)),
            .. hostileStrings.Select(hostile => HuntingTestData.Create(IndicatorKind.Domain, hostile, family, "botnet_cc", firstSeen)),
            .. hostileStrings.Select(hostile => HuntingTestData.Ip(hostile, 443, family, firstSeen)),
        ];
        var iocContent = HuntingTestData.Family(iocs, "Remcos", options => Configure(options, style));
        AddExpected($"injection/ioc-value/{style}", iocContent.Queries, style == HuntingQueryStyle.Inline
            ? [.. hostileStrings, .. hostileStrings.Select(hostile => hostile.ToLowerInvariant())]
            : ["win.remcos"]);

        var hostileFamilies = hostileStrings.Select(hostile => new MalwareFamily(hostile, hostile, [hostile])).ToList();
        var familyIndicators = hostileFamilies.Select(hostile => HuntingTestData.Ip("198.51.100.7", 443, hostile, firstSeen)).ToList();
        var familyContent = HuntingTestData.Builder(options =>
        {
            Configure(options, style);
            options.IncludeFeedWide = false;
            foreach (var hostile in hostileStrings)
            {
                options.Families.Add(hostile);
            }
        }).Build(familyIndicators);
        Assert.That(familyContent.Scopes, Has.Count.EqualTo(hostileStrings.Count), "Every hostile family name selects its own family.");
        foreach (var (scope, index) in familyContent.Scopes.Select((scope, index) => (scope, index)))
        {
            AddExpected($"injection/family/{style}/{index}", scope.Queries, style == HuntingQueryStyle.Watchlist ? [scope.ScopeKey] : ["198.51.100.7"]);
        }

        var tagged = hostileStrings.Select((hostile, index) => HuntingTestData.Ip($"198.51.100.{index + 1}", 443, family, firstSeen) with { Tags = [hostile] }).ToList();
        var tagContent = HuntingTestData.Family(tagged, "Remcos", options => Configure(options, style));
        AddExpected($"injection/tag/{style}", tagContent.Queries, style == HuntingQueryStyle.Watchlist ? ["win.remcos"] : ["198.51.100.1:443"]);

        var exclusionContent = HuntingTestData.Family(HuntingTestData.CobaltStrikeIndicators, "win.cobalt_strike", options =>
        {
            Configure(options, style);
            options.Exclusions["Hostile"] = new ExclusionProfileOptions
            {
                Scenario = hostileStrings[0],
                ProcessNames = [.. hostileStrings],
                AccountNames = [.. hostileStrings],
                FolderPaths = [.. hostileStrings],
                CommandLineTerms = [.. hostileStrings],
                NetworkInterfaces = [.. hostileStrings],
            };
        });
        AddExpected($"injection/exclusion/{style}", exclusionContent.Queries, hostileStrings);
    }

    private static void Configure(HuntingOptions options, HuntingQueryStyle style)
    {
        options.Style = style;
        options.IncludeAddressOnlyVariants = false;
    }

    private void AddExpected(string prefix, IEnumerable<HuntingQuery> generated, IReadOnlyList<string> expected)
    {
        foreach (var query in generated)
        {
            var id = $"{prefix}/{query.Table}/{query.Variant}";
            queries[id] = query.Query;
            expectedLiterals[id] = [.. expected.Distinct(StringComparer.Ordinal).Where(value => query.Query.Contains(KqlLiteral.Quote(value), StringComparison.Ordinal))];
        }

        Assert.That(
            expected.Where(value => !generated.Any(query => query.Query.Contains(KqlLiteral.Quote(value), StringComparison.Ordinal))),
            Is.Empty,
            $"{prefix}: every expected value appears in a query.");
    }

    private void AddLiteralRoundTrips()
    {
        var random = new Random(20260526);
        var strings = HuntingTestData.HostileStrings.Concat(Enumerable.Range(0, FuzzStrings).Select(_ => RandomString(random)));
        var index = 0;
        foreach (var value in strings)
        {
            var id = $"literal/{index++}";
            queries[id] = $"print Value = {KqlLiteral.Quote(value)}";
            expectedLiterals[id] = [value];
        }
    }

    private static string RandomString(Random random)
    {
        var characters = new char[random.Next(1, 40)];
        for (var index = 0; index < characters.Length; index++)
        {
            characters[index] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => "'\"\\/|;`$@%\n\r\t"[random.Next(13)],
                2 => (char)random.Next(0x20, 0x7f),
                _ => (char)random.Next(0x80, 0xD800),
            };
        }

        return new string(characters);
    }
}
