using FeedSync.Normalisation;
using FeedSync.Tests.ThreatFox;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IngestPipelineTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 5, 30, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RunAsync_MixedContent_CountsAddUp()
    {
        // Arrange
        var content = FeedContent.ApiResponse(
            FeedContent.ApiRecord("124.198.132.98:2414", id: 1),
            FeedContent.ApiRecord("124.198.132.98:2414", id: 2, confidence: 90),
            FeedContent.ApiRecord("999.1.1.1:80", id: 3),
            FeedContent.ApiRecord("bad@evil.example", iocType: "email", id: 4),
            FeedContent.ApiRecord("evil[.]example", iocType: "domain", id: 5));

        // Act
        var result = await RunAsync(content);

        // Assert
        Assert.That(result.Records, Is.EqualTo(5));
        Assert.That(result.Accepted, Is.EqualTo(3));
        Assert.That(result.Rejected, Is.EqualTo(2));
        Assert.That(result.Indicators, Has.Count.EqualTo(2));
        Assert.That(result.ByKind[IndicatorKind.Ip], Is.EqualTo(2));
        Assert.That(result.ByKind[IndicatorKind.Domain], Is.EqualTo(1));
        Assert.That(result.IndicatorsByKind[IndicatorKind.Ip], Is.EqualTo(1));
        Assert.That(result.RejectReasons[RejectReasons.InvalidIp], Is.EqualTo(1));
        Assert.That(result.RejectReasons[RejectReasons.UnknownIocType], Is.EqualTo(1));
        Assert.That(result.UnknownIocTypes["email"], Is.EqualTo(1));
        Assert.That(result.Corrections[RecordNormaliser.Refanged], Is.EqualTo(1));
        Assert.That(result.Rejects.Select(reject => reject.RawValue), Is.EqualTo(new List<string> { "999.1.1.1:80", "bad@evil.example" }));
    }

    [TestCase("2026-05-26 10:00:00 UTC", "9999-12-31 23:59:59 UTC")]
    [TestCase("9999-12-31 23:59:59 UTC", null)]
    [TestCase("2026-05-26 10:00:00 UTC", "2099-01-01 00:00:00 UTC")]
    [TestCase("2026-05-31 00:00:01 UTC", null)]
    public async Task RunAsync_FutureTimestamp_Rejected(string firstSeen, string? lastSeen)
    {
        // Arrange
        var content = FeedContent.ApiResponse(
            FeedContent.ApiRecord("124.198.132.98:2414", id: 1, firstSeen: firstSeen, lastSeen: lastSeen),
            FeedContent.ApiRecord("31.76.93.14:1337", id: 2));

        // Act
        var result = await RunAsync(content);

        // Assert
        Assert.That(result.Rejects.Select(reject => reject.Reason), Is.EqualTo(new List<string> { RejectReasons.FutureTimestamp }));
        Assert.That(result.Rejects[0].ThreatFoxId, Is.EqualTo(1));
        Assert.That(result.Indicators.Select(indicator => indicator.Value), Is.EqualTo(new List<string> { "31.76.93.14" }));
    }

    [Test]
    public async Task RunAsync_TimestampWithinTolerance_Accepted()
    {
        // Arrange: the as-of time is 2026-05-30 00:00 UTC, and the tolerance one day.
        var content = FeedContent.ApiResponse(FeedContent.ApiRecord("124.198.132.98:2414", firstSeen: "2026-05-30 23:59:59 UTC"));

        // Act
        var result = await RunAsync(content);

        // Assert
        Assert.That(result.Rejected, Is.Zero);
    }

    [Test]
    public async Task RunAsync_Families_SummarisedByIndicators()
    {
        // Arrange
        var content = FeedContent.ApiResponse(
            FeedContent.ApiRecord("1.1.1.1:80", id: 1),
            FeedContent.ApiRecord("1.1.1.1:80", id: 2, malware: "win.asyncrat", printable: "AsyncRAT"),
            FeedContent.ApiRecord("2.2.2.2:80", id: 3));

        // Act
        var result = await RunAsync(content);

        // Assert
        Assert.That(result.Families.Select(family => (family.Family.Id, family.Indicators, family.Records)), Is.EqualTo(new List<(string, long, long)>
        {
            ("win.remcos", 2, 2),
            ("win.asyncrat", 1, 1),
        }));
    }

    [Test]
    public async Task RunAsync_KindFilter_RejectsOtherKinds()
    {
        // Arrange
        var filter = new IndicatorFilter { Kinds = new HashSet<IndicatorKind> { IndicatorKind.Domain } };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(1));
        Assert.That(result.RejectReasons[RejectReasons.FilteredKind], Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_ThreatTypeFilter_CaseInsensitive()
    {
        // Arrange
        var filter = new IndicatorFilter { ThreatTypes = new HashSet<string> { "PAYLOAD_DELIVERY" } };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(1));
        Assert.That(result.RejectReasons[RejectReasons.FilteredThreatType], Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_MinConfidence_RejectsBelow()
    {
        // Arrange
        var filter = new IndicatorFilter { MinConfidence = 80 };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(2));
        Assert.That(result.RejectReasons[RejectReasons.BelowMinConfidence], Is.EqualTo(2));
    }

    [TestCase("win.asyncrat")]
    [TestCase("ASYNCRAT")]
    [TestCase("async rat")]
    public async Task RunAsync_FamilyFilter_MatchesIdNameOrAlias(string family)
    {
        // Arrange
        var filter = new IndicatorFilter { Families = [family] };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(1));
        Assert.That(result.Indicators.Single().Family.Id, Is.EqualTo("win.asyncrat"));
        Assert.That(result.RejectReasons[RejectReasons.FilteredFamily], Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_MaxAge_MeasuredFromAsOf()
    {
        // Arrange: records were first seen on 26 May, one was seen again on 29 May; AsOf is 30 May.
        var filter = new IndicatorFilter { MaxAge = TimeSpan.FromDays(2) };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(1));
        Assert.That(result.Indicators.Single().Value, Is.EqualTo("4.4.4.4"));
        Assert.That(result.RejectReasons[RejectReasons.OlderThanMaxAge], Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_NoAsOf_UsesTimeProvider()
    {
        // Arrange
        var clock = new FakeTimeProvider(AsOf.AddDays(10));
        var pipeline = new IngestPipeline(timeProvider: clock);

        // Act
        var result = await pipeline.RunAsync(FeedContent.Utf8(FilterContent()), "memory", new IngestRequest { Filter = new IndicatorFilter { MaxAge = TimeSpan.FromDays(2) } });

        // Assert
        Assert.That(result.AsOf, Is.EqualTo(AsOf.AddDays(10)));
        Assert.That(result.Accepted, Is.Zero);
    }

    [Test]
    public async Task RunAsync_FilteredRecords_CountsStillAddUp()
    {
        // Arrange
        var filter = new IndicatorFilter { MinConfidence = 80, Kinds = new HashSet<IndicatorKind> { IndicatorKind.Ip } };

        // Act
        var result = await RunAsync(FilterContent(), filter);

        // Assert
        Assert.That(result.Accepted + result.Rejected, Is.EqualTo(result.Records));
        Assert.That(result.RejectReasons.Values.Sum(), Is.EqualTo(result.Rejected));
        Assert.That(result.Rejects, Has.Count.EqualTo(result.Rejected));
    }

    [TestCase("")]
    [TestCase("<html><body>Bad Gateway</body></html>")]
    public async Task RunAsync_BrokenContent_ThrowsAndImportsNothing(string content)
    {
        // Arrange
        var pipeline = new IngestPipeline();

        // Act
        var exception = await Assert.ThrowsAsync<FeedFormatException>(() => pipeline.RunAsync(FeedContent.Utf8(content), "broken.json", new IngestRequest()));

        // Assert
        Assert.That(exception!.Source, Is.EqualTo("broken.json"));
    }

    [Test]
    public async Task RunAsync_TruncatedAfterValidRecords_ThrowsFeedSourceException()
    {
        // Arrange
        var full = FeedContent.ApiResponse(FeedContent.ApiRecord("1.1.1.1:80", id: 1), FeedContent.ApiRecord("2.2.2.2:80", id: 2));
        var pipeline = new IngestPipeline();

        // Act
        var exception = await Assert.ThrowsAsync<FeedFormatException>(() => pipeline.RunAsync(FeedContent.Utf8(full[..^10]), "cut.json", new IngestRequest()));

        // Assert
        Assert.That(exception, Is.InstanceOf<FeedSourceException>());
        Assert.That(exception!.Message, Does.Contain("truncated"));
    }

    [Test]
    public async Task RunAsync_MissingFile_ThrowsFeedSourceException()
    {
        // Arrange
        var pipeline = new IngestPipeline();
        var path = Path.Combine(Path.GetTempPath(), $"feedsync-missing-{Guid.NewGuid():N}.json");

        // Act
        var exception = await Assert.ThrowsAsync<FeedSourceException>(() => pipeline.RunAsync(new IngestRequest { Source = path }));

        // Assert
        Assert.That(exception!.Message, Does.Contain("was not found"));
        Assert.That(exception.Source, Is.EqualTo(path));
    }

    [Test]
    public async Task RunAsync_SampleFile_ReadsTheThreeRemcosIocs()
    {
        // Arrange
        var pipeline = new IngestPipeline();
        var path = Path.Combine(Support.SharedData.RepositoryRoot, "samples", "threatfox-remcos.json");

        // Act
        var result = await pipeline.RunAsync(new IngestRequest { Source = path });

        // Assert
        Assert.That(result.Indicators.Select(indicator => indicator.IdentityKey), Is.EqualTo(new List<string>
        {
            "ip|124.198.132.98|2414",
            "ip|124.198.132.98|2424",
            "ip|31.76.93.14|1337",
        }));
        Assert.That(result.Indicators.All(indicator => indicator is { Confidence: 75, ThreatType: "botnet_cc", Family.Id: "win.remcos", Family.Name: "Remcos" }), Is.True);
        Assert.That(result.Indicators.All(indicator => indicator.FirstSeen.Date == new DateTime(2026, 5, 26)), Is.True);
    }

    [Test]
    public void AddFeedSyncIngestion_ResolvesPipelineWithConfiguredClient()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:ThreatFox:ApiKey"] = "test-key",
            ["FeedSync:ThreatFox:BaseUrl"] = "http://127.0.0.1:9/api/v1/",
            ["FeedSync:Ingestion:MinConfidence"] = "80",
            ["FeedSync:Ingestion:Kinds:0"] = "Ip",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddFeedSyncIngestion(configuration).BuildServiceProvider();

        // Act
        var pipeline = provider.GetRequiredService<IIngestPipeline>();
        var filter = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value.ToFilter();
        var clientOptions = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThreatFoxClientOptions>>().Value;

        // Assert
        Assert.That(pipeline, Is.InstanceOf<IngestPipeline>());
        Assert.That(filter.MinConfidence, Is.EqualTo(80));
        Assert.That(filter.Kinds, Is.EquivalentTo(new List<IndicatorKind> { IndicatorKind.Ip }));
        Assert.That(clientOptions.BaseUrl, Is.EqualTo(new Uri("http://127.0.0.1:9/api/v1/")));
    }

    [Test]
    public void AddFeedSyncIngestion_InvalidOptions_FailValidation()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:ThreatFox:BaseUrl"] = "ftp://127.0.0.1/",
            ["FeedSync:ThreatFox:MaxRetryAttempts"] = "50",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddFeedSyncIngestion(configuration).BuildServiceProvider();

        // Act
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThreatFoxClientOptions>>().Value);

        // Assert
        Assert.That(exception!.Message, Does.Contain("FeedSync:ThreatFox:BaseUrl"));
        Assert.That(exception.Message, Does.Contain("MaxRetryAttempts"));
    }

    /// <summary>Four records: two Remcos IPs (75, one seen again on 29 May), an AsyncRAT IP (90), a domain (85).</summary>
    private static string FilterContent() => FeedContent.ApiResponse(
        FeedContent.ApiRecord("1.1.1.1:80", id: 1, firstSeen: "2026-05-26 10:00:00 UTC"),
        FeedContent.ApiRecord("4.4.4.4:80", id: 2, firstSeen: "2026-05-26 10:00:00 UTC", lastSeen: "2026-05-29 10:00:00 UTC"),
        FeedContent.ApiRecord("2.2.2.2:80", id: 3, confidence: 90, malware: "win.asyncrat", printable: "AsyncRAT").Replace("\"malware_alias\":null", "\"malware_alias\":\"Async RAT\"", StringComparison.Ordinal),
        FeedContent.ApiRecord("evil.example", iocType: "domain", id: 4, confidence: 85, threatType: "payload_delivery"));

    private static Task<IngestResult> RunAsync(string content, IndicatorFilter? filter = null) =>
        new IngestPipeline().RunAsync(FeedContent.Utf8(content), "memory", new IngestRequest { Filter = filter ?? IndicatorFilter.None, AsOf = AsOf });
}
