using FeedSync.Normalisation;
using FeedSync.Tests.Support;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.ThreatFox;

/// <summary>Golden tests against real ThreatFox files: counts as published, every record accounted for.</summary>
[TestFixture]
internal sealed class SharedThreatFoxDataTests
{
    private const string ExportJsonNewer = "data/threatfox/export-json-recent-2026-07-24T1404Z.json";
    private const string ExportJsonOlder = "data/threatfox/export-json-recent-2026-07-24T0838Z.json";
    private const string ExportCsv = "data/threatfox/export-csv-recent-2026-04-12T0449Z-excerpt.csv";
    private const string ApiNdjson = "data/threatfox/api-get_iocs-data-records-2022-08-05-excerpt.ndjson";

    private static readonly Dictionary<string, IngestResult> Results = [];

    [Test]
    public async Task ExportJson_Newer_RecordAndKindCounts()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);

        // Assert
        Assert.That(result.Format, Is.EqualTo(ThreatFoxFeedFormat.ExportJson));
        Assert.That(result.Records, Is.EqualTo(4488));
        Assert.That(result.Accepted, Is.EqualTo(4488));
        Assert.That(result.ByKind[IndicatorKind.Ip], Is.EqualTo(2412));
        Assert.That(result.ByKind[IndicatorKind.Domain], Is.EqualTo(1207));
        Assert.That(result.ByKind[IndicatorKind.Url], Is.EqualTo(408));
        Assert.That(result.ByKind[IndicatorKind.Sha256], Is.EqualTo(169));
        Assert.That(result.ByKind[IndicatorKind.Sha1], Is.EqualTo(146));
        Assert.That(result.ByKind[IndicatorKind.Md5], Is.EqualTo(146));
    }

    [Test]
    public async Task ExportJson_Newer_ThreatTypesAndOddities()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);
        var threatTypes = result.Indicators.SelectMany(indicator => Enumerable.Repeat(indicator.ThreatType, indicator.ThreatFoxIds.Count)).ToList();

        // Assert
        Assert.That(result.UnknownThreatTypes, Is.Empty, "cc_skimming and the other threat types are known");
        Assert.That(threatTypes.Count(type => type == "cc_skimming"), Is.EqualTo(10));
        Assert.That(result.Corrections[RecordNormaliser.LastSeenBeforeFirstSeen], Is.EqualTo(12));
    }

    [Test]
    public async Task ExportJson_Newer_ReaderSeesAbsentFields()
    {
        // Arrange
        await using var file = File.OpenRead(SharedData.Require(ExportJsonNewer));

        // Act
        var (_, records) = await FeedContent.ReadAllAsync(file);

        // Assert
        Assert.That(records.Count(record => record.LastSeen is null), Is.EqualTo(1296));
        Assert.That(records.Count(record => record.Tags.Count == 0), Is.EqualTo(511));
        Assert.That(records.Min(record => record.Id), Is.EqualTo(223357));
        Assert.That(records.Max(record => record.Id), Is.EqualTo(1856791));
        Assert.That(records.Count(record => record.InvalidField is not null), Is.Zero);
    }

    [Test]
    public async Task ExportJson_Newer_DuplicatesMergeIntoOneIndicator()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);
        var merged = result.Indicators.Where(indicator => indicator.ThreatFoxIds.Count > 1).ToList();
        var farmacia = result.Indicators.Single(indicator => indicator.Value == "farmacia-bienestar.com");

        // Assert
        Assert.That(result.Indicators, Has.Count.EqualTo(4488 - 9));
        Assert.That(merged, Has.Count.EqualTo(9));
        Assert.That(farmacia.ThreatFoxIds, Is.EqualTo(new List<long> { 1856673, 1856785 }));
        Assert.That(farmacia.Confidence, Is.EqualTo(100));
        Assert.That(farmacia.ThreatType, Is.EqualTo("payload_delivery"));
    }

    [Test]
    public async Task ExportJson_Newer_ValueUnderTwoFamiliesKeepsBoth()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);
        var popelkar = result.Indicators.Single(indicator => indicator.Value == "popelkar.pro");
        var multiFamily = result.Indicators.Count(indicator => indicator.Families.Count > 1);

        // Assert
        Assert.That(multiFamily, Is.EqualTo(7));
        Assert.That(popelkar.Families.Select(family => family.Id), Is.EqualTo(new List<string> { "js.clearfake", "unknown" }));
        Assert.That(popelkar.Confidence, Is.EqualTo(90), "a named family outranks 'unknown' despite its lower confidence");
    }

    [Test]
    public async Task ExportJson_Newer_MixedCaseDomainLowered()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);
        var domain = result.Indicators.Single(indicator => indicator.ThreatFoxIds.Contains(1213636));

        // Assert
        Assert.That(domain.Value, Is.EqualTo("microsoftsyst3m.com"));
        Assert.That(domain.OriginalValue, Is.EqualTo("MicrosoftSyst3m.com"));
    }

    [Test]
    public async Task ExportJson_Newer_OldIocSeenAgainKeepsBothTimes()
    {
        // Act
        var result = await IngestAsync(ExportJsonNewer);
        var ip = result.Indicators.Single(indicator => indicator.ThreatFoxIds.Contains(223357));

        // Assert
        Assert.That(ip.Value, Is.EqualTo("47.95.207.79"));
        Assert.That(ip.Port, Is.EqualTo(443));
        Assert.That(ip.FirstSeen, Is.EqualTo(new DateTimeOffset(2021, 9, 18, 17, 39, 24, TimeSpan.Zero)));
        Assert.That(ip.LastSeen, Is.EqualTo(new DateTimeOffset(2026, 7, 24, 13, 43, 48, TimeSpan.Zero)));
    }

    [Test]
    public async Task ExportJson_Older_EveryRecordAccountedFor()
    {
        // Act
        var result = await IngestAsync(ExportJsonOlder);

        // Assert
        Assert.That(result.Records, Is.EqualTo(4498));
        Assert.That(result.Accepted + result.Rejected, Is.EqualTo(result.Records));
        Assert.That(result.ByKind.Values.Sum(), Is.EqualTo(result.Accepted));
        Assert.That(result.Indicators.Sum(indicator => indicator.ThreatFoxIds.Count), Is.EqualTo(result.Accepted));
    }

    [Test]
    public async Task ExportCsv_RecordAndKindCounts()
    {
        // Act
        var result = await IngestAsync(ExportCsv);

        // Assert
        Assert.That(result.Format, Is.EqualTo(ThreatFoxFeedFormat.ExportCsv));
        Assert.That(result.Records, Is.EqualTo(124));
        Assert.That(result.Accepted + result.Rejected, Is.EqualTo(124));
        Assert.That(result.ByKind[IndicatorKind.Domain], Is.EqualTo(99));
        Assert.That(result.ByKind[IndicatorKind.Url], Is.EqualTo(15));
        Assert.That(result.ByKind[IndicatorKind.Ip], Is.EqualTo(10));
        Assert.That(result.Indicators.Count(indicator => indicator.LastSeen is null), Is.EqualTo(46));
    }

    [Test]
    public async Task ExportCsv_OddValuesNormalised()
    {
        // Act
        var result = await IngestAsync(ExportCsv);
        var punycode = result.Indicators.Single(indicator => indicator.Value == "xn--8drr43dbqh.jpn.com");

        // Assert
        Assert.That(punycode.DisplayValue, Is.EqualTo("発毛剤.jpn.com"));
        Assert.That(result.Indicators.Any(indicator => indicator.Value == "serdyuk2-50934.portmap.host"), Is.True);
        Assert.That(result.Indicators.Any(indicator => indicator.Value == "https://trymefislqe.com/m7qdgYFGNyuQCnCTCkmZvHfF8eukx1b6?id="), Is.True);
        Assert.That(result.Indicators.Count(indicator => indicator.Reporter == "ttakvam"), Is.EqualTo(13));
    }

    [Test]
    public async Task ApiNdjson_RecordCountsAndIpv6()
    {
        // Act
        var result = await IngestAsync(ApiNdjson);
        var ipv6 = result.Indicators.Single(indicator => indicator.ThreatFoxIds.Contains(841508));

        // Assert
        Assert.That(result.Format, Is.EqualTo(ThreatFoxFeedFormat.Ndjson));
        Assert.That(result.Records, Is.EqualTo(18));
        Assert.That(result.Accepted, Is.EqualTo(18));
        Assert.That(result.ByKind[IndicatorKind.Ip], Is.EqualTo(12));
        Assert.That(result.ByKind[IndicatorKind.Url], Is.EqualTo(6));
        Assert.That(ipv6.Value, Is.EqualTo("2a02:cf40:1::5"));
        Assert.That(ipv6.Port, Is.EqualTo(40669));
        Assert.That(result.Indicators.Any(indicator => indicator.Value == "http://malaikahlowry33.top"), Is.True);
    }

    [TestCase(ExportJsonNewer)]
    [TestCase(ExportJsonOlder)]
    [TestCase(ExportCsv)]
    [TestCase(ApiNdjson)]
    public async Task RealFile_SummaryCountsMatchIndicators(string relativePath)
    {
        // Act
        var result = await IngestAsync(relativePath);
        var kindsRecounted = result.Indicators.GroupBy(indicator => indicator.Kind).ToDictionary(group => group.Key, group => (long)group.Count());
        var familiesRecounted = result.Indicators
            .SelectMany(indicator => indicator.Families)
            .GroupBy(family => family.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.OrdinalIgnoreCase);

        // Assert
        Assert.That(result.IndicatorsByKind, Is.EquivalentTo(kindsRecounted));
        Assert.That(result.Families.ToDictionary(summary => summary.Family.Id, summary => summary.Indicators), Is.EquivalentTo(familiesRecounted));
        Assert.That(result.Families.Sum(summary => summary.Records), Is.EqualTo(result.Accepted));
    }

    [TestCase(ExportJsonNewer)]
    [TestCase(ExportCsv)]
    public async Task RealFile_RecordObjectsIngestLikeCursor(string relativePath)
    {
        // Arrange
        var path = SharedData.Require(relativePath);
        var fromCursor = await IngestAsync(relativePath);
        await using var file = File.OpenRead(path);
        await using var reader = await ThreatFoxFeedReader.OpenAsync(file, path);
        var accumulator = new IngestAccumulator(IndicatorFilter.None, fromCursor.AsOf);

        // Act
        await foreach (var record in reader.ReadRecordsAsync())
        {
            accumulator.Add(record);
        }

        var fromRecords = accumulator.Build(path, reader.Format, reader.ContainedFormat, fromCursor.AsOf);

        // Assert
        Assert.That(fromRecords.Indicators.Select(Describe), Is.EqualTo(fromCursor.Indicators.Select(Describe)));
        Assert.That(fromRecords.Rejects.Select(reject => (reject.Reason, reject.RawValue, reject.Line)), Is.EqualTo(fromCursor.Rejects.Select(reject => (reject.Reason, reject.RawValue, reject.Line))));
        Assert.That(fromRecords.Corrections, Is.EquivalentTo(fromCursor.Corrections));
    }

    private static string Describe(Indicator indicator) =>
        string.Join('|', indicator.IdentityKey, indicator.OriginalValue, string.Join(',', indicator.Families.Select(family => family.Id)), indicator.ThreatType, indicator.Confidence, indicator.FirstSeen, indicator.LastSeen, string.Join(',', indicator.Tags), string.Join(',', indicator.ThreatFoxIds), indicator.Reference, indicator.Reporter);

    private static async Task<IngestResult> IngestAsync(string relativePath)
    {
        var path = SharedData.Require(relativePath);
        if (Results.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var pipeline = new IngestPipeline();
        var result = await pipeline.RunAsync(new IngestRequest { Source = path, AsOf = new DateTimeOffset(2026, 7, 25, 0, 0, 0, TimeSpan.Zero) });
        Results[path] = result;
        return result;
    }
}
