using System.CommandLine;
using System.Net;
using System.Text.Json;
using FeedSync.Cli;
using FeedSync.Cli.Commands;
using FeedSync.Tests.Support;
using FeedSync.Tests.ThreatFox;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Cli;

[TestFixture]
internal sealed class IngestCommandTests
{
    private static readonly string SamplePath = Path.Combine(SharedData.RepositoryRoot, "samples", "threatfox-remcos.json");

    [Test]
    public async Task Ingest_Sample_PrintsSummary()
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Output, Does.Contain("Records:     3"));
        Assert.That(run.Output, Does.Contain("Accepted:    3"));
        Assert.That(run.Output, Does.Match(@"ip\s+3"));
        Assert.That(run.Output, Does.Contain("win.remcos (Remcos): 3 indicators, 3 records"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public async Task Ingest_SampleAsJson_PrintsDocument()
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath, "--output", "json");
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        var first = root.GetProperty("indicators")[0];

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(root.GetProperty("records").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("accepted").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("rejected").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("byKind").GetProperty("ip").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("rejectReasons").EnumerateObject(), Is.Empty);
        Assert.That(root.GetProperty("indicators").GetArrayLength(), Is.EqualTo(3));
        Assert.That(first.GetProperty("kind").GetString(), Is.EqualTo("ip"));
        Assert.That(first.GetProperty("value").GetString(), Is.EqualTo("124.198.132.98"));
        Assert.That(first.GetProperty("port").GetInt32(), Is.EqualTo(2414));
        Assert.That(first.GetProperty("family").GetString(), Is.EqualTo("win.remcos"));
        Assert.That(first.GetProperty("threatType").GetString(), Is.EqualTo("botnet_cc"));
        Assert.That(first.GetProperty("confidence").GetInt32(), Is.EqualTo(75));
        Assert.That(first.GetProperty("firstSeen").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 5, 26, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(first.GetProperty("lastSeen").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Ingest_Filters_RejectWithReasons()
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath, "--min-confidence", "80", "--output", "json");
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(root.GetProperty("accepted").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("rejectReasons").GetProperty("below_min_confidence").GetInt64(), Is.EqualTo(3));
        Assert.That(root.GetProperty("rejects")[0].GetProperty("rawValue").GetString(), Is.EqualTo("124.198.132.98:2414"));
    }

    [Test]
    public async Task Ingest_FamilyKindAndAgeFilters_Combine()
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath, "--family", "REMCOS", "--kind", "ip,domain", "--threat-type", "botnet_cc", "--max-age", "7d", "--as-of", "2026-05-30T00:00:00Z", "--output", "json");
        using var document = JsonDocument.Parse(run.Output);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(document.RootElement.GetProperty("accepted").GetInt64(), Is.EqualTo(3));
    }

    [Test]
    public async Task Ingest_MaxAgeExceeded_RejectsAll()
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath, "--max-age", "12h", "--as-of", "2026-06-30T00:00:00Z");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Output, Does.Match(@"older_than_max_age\s+3"));
    }

    [Test]
    public async Task Ingest_MissingFile_ExitsOne()
    {
        // Act
        var run = await RunAsync("ingest", "--source", Path.Combine(Path.GetTempPath(), "feedsync-no-such-file.json"));

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(run.Error, Does.Contain("was not found"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public async Task Ingest_HugeRejectedValue_TextShortened()
    {
        // Arrange
        var hugeValue = new string('a', 100_000) + ".example";
        var path = Path.Combine(Path.GetTempPath(), $"feedsync-huge-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, FeedContent.ApiResponse(FeedContent.ApiRecord(hugeValue, iocType: "domain")));

        try
        {
            // Act
            var run = await RunAsync("ingest", "--source", path);

            // Assert
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(run.Output, Does.Contain("invalid_domain"));
            Assert.That(run.Output, Does.Contain("(100,008 characters)"));
            Assert.That(run.Output.Length, Is.LessThan(2_000));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Ingest_BrokenFile_ExitsOneNamingPosition()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"feedsync-broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"query_status\":\"ok\",\"data\":[{\"ioc\":\"1.2.3.4:80\"");

        try
        {
            // Act
            var run = await RunAsync("ingest", "--source", path);

            // Assert
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(run.Error, Does.Contain("truncated"));
            Assert.That(run.Error, Does.Contain("line 1"));
            Assert.That(run.Output, Is.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Ingest_DirectorySource_ExitsOneNamingDirectory()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("feedsync-source-dir-").FullName;

        try
        {
            // Act
            var run = await RunAsync("ingest", "--source", directory);

            // Assert
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
            Assert.That(run.Error, Does.Contain($"Source '{directory}' is a directory; pass the path of a ThreatFox export or API response file."));
            Assert.That(run.Error, Does.Not.Contain("denied"));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Test]
    public async Task Ingest_MissingFileJson_PrintsErrorDocument()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), "feedsync-no-such-file.json");

        // Act
        var run = await RunAsync("ingest", "--source", path, "--output", "json");
        using var document = JsonDocument.Parse(run.Output);
        var error = document.RootElement.GetProperty("error");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("source_failed"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("was not found"));
        Assert.That(error.GetProperty("source").GetString(), Is.EqualTo(path));
        Assert.That(run.Error, Does.Contain("was not found"));
    }

    [Test]
    public async Task Ingest_InvalidConfigurationJson_PrintsErrorDocument()
    {
        // Act
        var run = await RunAsync(new Dictionary<string, string?> { ["FeedSync:Ingestion:MinConfidence"] = "500" }, null, "ingest", "--source", SamplePath, "--output", "json");
        using var document = JsonDocument.Parse(run.Output);
        var error = document.RootElement.GetProperty("error");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("configuration_error"));
        Assert.That(error.GetProperty("details")[0].GetString(), Does.Contain("MinConfidence"));
    }

    [Test]
    public async Task Ingest_ThreatFoxWithoutKeyJson_PrintsErrorDocument()
    {
        // Act
        var run = await RunAsync("ingest", "--source", "threatfox", "--output", "json");
        using var document = JsonDocument.Parse(run.Output);
        var error = document.RootElement.GetProperty("error");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("configuration_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("FeedSync__ThreatFox__ApiKey"));
    }

    [TestCase("FeedSync:Ingestion:ThreatTypes:0", "nope", "FeedSync:Ingestion:ThreatTypes:0 is 'nope', which is not a ThreatFox threat type; use one of botnet_cc, cc_skimming, payload, payload_delivery.")]
    [TestCase("FeedSync:Ingestion:Kinds:0", "ipv9", "FeedSync:Ingestion:Kinds:0 is 'ipv9', which is not an indicator kind")]
    [TestCase("FeedSync:Ingestion:Kinds:0", "42", "FeedSync:Ingestion:Kinds:0 is '42', which is not an indicator kind")]
    [TestCase("FeedSync:Ingestion:Kinds", "ip,domain", "FeedSync:Ingestion:Kinds is the single value 'ip,domain'")]
    [TestCase("FeedSync:Ingestion:MaxAge", "-1.00:00:00", "FeedSync:Ingestion:MaxAge is -1.00:00:00; use a positive TimeSpan")]
    [TestCase("FeedSync:Ingestion:Days", "abc", "'abc' at 'FeedSync:Ingestion:Days'")]
    public async Task Ingest_InvalidFilterSetting_ExitsTwoNamingKey(string key, string value, string expected)
    {
        // Act
        var run = await RunAsync(new Dictionary<string, string?> { [key] = value }, null, "ingest", "--source", SamplePath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public async Task Ingest_AgeBeforeEarliestTime_KeepsRecords()
    {
        // Act: an age of ten thousand years.
        var run = await RunAsync(["ingest", "--source", SamplePath, "--max-age", "3650000d"]);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(run.Output, Does.Contain("Accepted:    3"));
    }

    [Test]
    public async Task Ingest_AsOfEarliestTime_RejectsFutureRecords()
    {
        // Act: one day of age before the earliest time .NET represents, where every record lies in the future.
        var run = await RunAsync(["ingest", "--source", SamplePath, "--max-age", "1d", "--as-of", "0001-01-01T00:00:00Z"]);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(run.Output, Does.Contain("Accepted:    0"));
        Assert.That(run.Output, Does.Contain(FeedSync.Normalisation.RejectReasons.FutureTimestamp));
    }

    [TestCase("--kind", "ipv9", "'ipv9' is not a valid value for --kind: expected one of ip, domain, url, md5, sha1, sha256, sha3_384.")]
    [TestCase("--max-age", "soon", "'soon' is not a valid value for --max-age: expected a positive age")]
    [TestCase("--min-confidence", "101", "'101' is not a valid value for --min-confidence: expected a whole number from 0 to 100.")]
    [TestCase("--days", "8", "'8' is not a valid value for --days: expected a whole number from 1 to 7.")]
    public async Task Ingest_InvalidOptionValue_ExitsTwo(string option, string value, string expectedText)
    {
        // Act
        var run = await RunAsync("ingest", "--source", SamplePath, option, value);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain(expectedText));
    }

    [TestCase("ingest", "--source", "x", "--output", "xml")]
    [TestCase("ingest")]
    [TestCase("ingest", "--source", "x", "--unknown")]
    [TestCase("ingest", "--source", "x", "--min-confidence", "high")]
    public async Task Ingest_ParseError_ExitsTwo(params string[] args)
    {
        // Act
        var run = await RunAsync(args);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task Ingest_ThreatFoxWithoutKey_ExitsTwo()
    {
        // Act
        var run = await RunAsync("ingest", "--source", "threatfox");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("FeedSync__ThreatFox__ApiKey"));
    }

    [Test]
    public async Task Ingest_InvalidConfiguration_ExitsTwo()
    {
        // Act
        var run = await RunAsync(new Dictionary<string, string?> { ["FeedSync:Ingestion:MinConfidence"] = "500" }, null, "ingest", "--source", SamplePath);

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("MinConfidence"));
    }

    [Test]
    public async Task Ingest_ThreatFoxApi_ReadsThroughClient()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, await File.ReadAllTextAsync(SamplePath));
        var settings = new Dictionary<string, string?>
        {
            ["FeedSync:ThreatFox:ApiKey"] = "cli-test-key",
            ["FeedSync:ThreatFox:BaseUrl"] = "http://127.0.0.1:9/api/v1/",
        };

        // Act
        var run = await RunAsync(settings, handler, "ingest", "--source", "threatfox", "--days", "2");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Output, Does.Contain("Accepted:    3"));
        Assert.That(handler.Requests.Single().Body, Is.EqualTo("""{"query":"get_iocs","days":2}"""));
    }

    [Test]
    public async Task Ingest_ThreatFoxApiFails_ExitsOne()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.Forbidden);
        var settings = new Dictionary<string, string?>
        {
            ["FeedSync:ThreatFox:ApiKey"] = "cli-test-key",
            ["FeedSync:ThreatFox:BaseUrl"] = "http://127.0.0.1:9/api/v1/",
        };

        // Act
        var run = await RunAsync(settings, handler, "ingest", "--source", "threatfox");

        // Assert
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(run.Error, Does.Contain("HTTP 403"));
        Assert.That(run.Error, Does.Not.Contain("cli-test-key"));
    }

    [TestCase("7d", 7 * 24)]
    [TestCase("12h", 12)]
    [TestCase("1.5d", 36)]
    [TestCase("1.00:00:00", 24)]
    public void ParseAge_Forms_ReturnSpan(string text, double hours)
    {
        // Act
        var parsed = OptionValues.TryParseAge(text, out var age);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(age, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    private static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), null, args);

    private static async Task<CliRun> RunAsync(Dictionary<string, string?> settings, FakeThreatFoxHandler? handler, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var root = new RootCommand("test")
        {
            IngestCommand.Create(() => configuration, services =>
            {
                if (handler is not null)
                {
                    services.AddHttpClient<ThreatFoxClient>().ConfigurePrimaryHttpMessageHandler(() => handler);
                }
            }),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
