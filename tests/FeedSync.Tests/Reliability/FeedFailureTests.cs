using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FeedSync.Sentinel.Workspace;
using FeedSync.Sync;
using FeedSync.Tests.Support;
using FeedSync.ThreatFox;
using FeedSync.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// A sync whose feed fails, over the real ingest pipeline and ThreatFox client: each failure ends the run with an
/// error that names the problem and leaves the watchlists that an earlier sync filled exactly as they were.
/// </summary>
/// <remarks>
/// The ThreatFox API is a stub message handler inside the test process, so no request leaves it; file sources are
/// written to a temporary folder.
/// </remarks>
[TestFixture]
[Category("Reliability")]
[NonParallelizable]
internal sealed class FeedFailureTests
{
    private const string Html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>cloudflare</p></body></html>\n";

    private static readonly DateTimeOffset AsOf = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    private ReliabilityEmulator harness = null!;
    private string folder = null!;
    private int runNumber;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => harness = await ReliabilityEmulator.StartAsync();

    [OneTimeTearDown]
    public async Task StopEmulatorAsync() => await harness.DisposeAsync();

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("feedsync-feed-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    public static IEnumerable<TestCaseData> ApiFailures()
    {
        yield return Case("HTTP 401", () => Respond(HttpStatusCode.Unauthorized, "{\"query_status\":\"unknown_auth_key\"}"), SyncOutcome.Failed, "HTTP 401");
        yield return Case("HTTP 402", () => Respond(HttpStatusCode.PaymentRequired, "Payment Required"), SyncOutcome.Failed, "HTTP 402");
        yield return Case("HTTP 403", () => Respond(HttpStatusCode.Forbidden, "Forbidden"), SyncOutcome.Failed, "HTTP 403");
        yield return Case("HTTP 429", () => Respond(HttpStatusCode.TooManyRequests, "Too Many Requests", retryAfterSeconds: 1), SyncOutcome.Failed, "HTTP 429");
        yield return Case("HTTP 500", () => Respond(HttpStatusCode.InternalServerError, "Internal Server Error"), SyncOutcome.Failed, "HTTP 500");
        yield return Case("HTTP 503", () => Respond(HttpStatusCode.ServiceUnavailable, Html, "text/html"), SyncOutcome.Failed, "HTTP 503");
        yield return Case("query_status illegal_days", () => Respond(HttpStatusCode.OK, "{\"query_status\":\"illegal_days\",\"data\":\"Days must be between 1 and 7\"}"), SyncOutcome.Failed, "illegal_days");
        yield return Case("query_status unknown_auth_key", () => Respond(HttpStatusCode.OK, "{\"query_status\":\"unknown_auth_key\"}"), SyncOutcome.Failed, "unknown_auth_key");
        yield return Case("query_status unexpected", () => Respond(HttpStatusCode.OK, "{\"query_status\":\"maintenance\",\"data\":\"Back soon\"}"), SyncOutcome.Failed, "maintenance");
        yield return Case("HTML instead of JSON", () => Respond(HttpStatusCode.OK, Html, "text/html"), SyncOutcome.Failed, "not a ThreatFox API response");
        yield return Case("truncated JSON", () => Respond(HttpStatusCode.OK, TruncatedApiResponse()), SyncOutcome.Failed, "the content is truncated");
        yield return Case("empty body", () => Respond(HttpStatusCode.OK, string.Empty), SyncOutcome.Failed, "is empty (0 bytes)");
        yield return Case("empty data", () => Respond(HttpStatusCode.OK, "{\"query_status\":\"ok\",\"data\":[]}"), SyncOutcome.Stopped, "produced no indicators");
        yield return Case("no_result", () => Respond(HttpStatusCode.OK, "{\"query_status\":\"no_result\",\"data\":\"Your search did not yield any results\"}"), SyncOutcome.Stopped, "produced no indicators");
    }

    // The contents are produced in the test, not here, so that a missing shared file skips the one case
    // instead of failing the whole source.
    public static IEnumerable<TestCaseData> FileFailures()
    {
        yield return FileCase("page.json", () => Html, SyncOutcome.Failed, "is an HTML or XML page", "HTML instead of JSON");
        yield return FileCase("truncated.json", TruncatedExport, SyncOutcome.Failed, "the content is truncated", "truncated export");
        yield return FileCase("empty.json", () => "{}", SyncOutcome.Stopped, "produced no indicators", "empty export");
        yield return FileCase("zero.json", () => string.Empty, SyncOutcome.Failed, "is empty (0 bytes)", "zero bytes");
        yield return FileCase("comments.csv", () => "################################################################\n# ThreatFox IOCs: recent\n# Number of entries: 0\n", SyncOutcome.Stopped, "produced no indicators", "CSV without rows");
    }

    [TestCaseSource(nameof(ApiFailures))]
    public async Task ApiFailure_RemovesNothing(Func<HttpResponseMessage> respond, SyncOutcome outcome, string reasonPart)
    {
        // Arrange
        var prefix = await PrefillAsync();
        var before = await SnapshotAsync(prefix);
        var api = new StubThreatFoxHandler(respond);
        using var stack = CreateApiSync(prefix, api);

        // Act
        var report = await stack.Runner.RunAsync(new SyncRequest { Source = "threatfox", AsOf = AsOf });
        var after = await SnapshotAsync(prefix);
        await TestContext.Out.WriteLineAsync(report.Reason);

        // Assert
        Assert.That(api.Requests, Is.GreaterThan(0));
        Assert.That(report.Outcome, Is.EqualTo(outcome), report.Reason);
        Assert.That(report.Reason, Does.Contain(reasonPart));
        Assert.That(report.Reason, Does.Contain("nothing was changed"));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(after, Is.EqualTo(before));
    }

    [TestCaseSource(nameof(FileFailures))]
    public async Task FileFailure_RemovesNothing(string fileName, Func<string> content, SyncOutcome outcome, string reasonPart)
    {
        // Arrange
        var prefix = await PrefillAsync();
        var before = await SnapshotAsync(prefix);
        var path = Path.Combine(folder, fileName);
        await File.WriteAllTextAsync(path, content());
        using var stack = CreateFileSync(prefix);

        // Act
        var report = await stack.Runner.RunAsync(new SyncRequest { Source = path, AsOf = AsOf });
        var after = await SnapshotAsync(prefix);
        await TestContext.Out.WriteLineAsync(report.Reason);

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(outcome), report.Reason);
        Assert.That(report.Reason, Does.Contain(reasonPart));
        Assert.That(report.Reason, Does.Contain("nothing was changed"));
        Assert.That(report.Arm.Writes + report.Arm.Deletes, Is.Zero);
        Assert.That(after, Is.EqualTo(before));
    }

    /// <summary>Fills the four watchlists of a new alias prefix from the first records of a real export, and returns the prefix.</summary>
    private async Task<string> PrefillAsync()
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"Feed{Interlocked.Increment(ref runNumber):D3}");
        var path = Path.Combine(folder, "prefill.json");
        await File.WriteAllTextAsync(path, ExportExcerpt(records: 40));
        using var stack = CreateFileSync(prefix);

        var report = await stack.Runner.RunAsync(new SyncRequest { Source = path, AsOf = AsOf });

        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded), report.Reason);
        Assert.That(report.Watchlists.Sum(watchlist => watchlist.Added), Is.GreaterThan(20));
        return prefix;
    }

    /// <summary>Returns every row of the prefix's watchlists as sorted text, so that two snapshots compare equal only when nothing changed.</summary>
    private async Task<List<string>> SnapshotAsync(string prefix)
    {
        var contents = await harness.ReadWatchlistsAsync(prefix);
        return [.. contents
            .SelectMany(pair => pair.Value.Select(row => $"{pair.Key}/{row.ItemId:D}/{row.ETag}: {Format(row)}"))
            .Order(StringComparer.Ordinal)];
    }

    private SyncStack CreateFileSync(string prefix) =>
        new(new SentinelWorkspace(harness.CreateClient()), harness.Clock, Settings(prefix), (services, configuration) =>
            services.AddFeedSyncIngestion(configuration));

    private SyncStack CreateApiSync(string prefix, StubThreatFoxHandler api) =>
        new(new SentinelWorkspace(harness.CreateClient()), harness.Clock, Settings(prefix), (services, configuration) =>
        {
            services.AddFeedSyncIngestion(configuration);
            services.AddHttpClient<ThreatFoxClient>().ConfigurePrimaryHttpMessageHandler(() => api);
        });

    private static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["FeedSync:Sync:AliasPrefix"] = prefix,
        ["FeedSync:ThreatFox:ApiKey"] = "reliability-test-key",

        // Never contacted: the stub handler answers every request.
        ["FeedSync:ThreatFox:BaseUrl"] = "https://127.0.0.1:9/api/v1/",
        ["FeedSync:ThreatFox:MaxRetryAttempts"] = "2",
        ["FeedSync:ThreatFox:RetryDelay"] = "00:00:00.010",
    };

    private static string Format(WatchlistRow row) =>
        string.Join(", ", row.Columns.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    private static TestCaseData Case(string name, Func<HttpResponseMessage> respond, SyncOutcome outcome, string reasonPart) =>
        new TestCaseData(respond, outcome, reasonPart).SetName($"ApiFailure_RemovesNothing({name})");

    private static HttpResponseMessage Respond(HttpStatusCode status, string body, string mediaType = "application/json", int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    /// <summary>Returns the first records of the newer real export, in the export's own shape.</summary>
    private static string ExportExcerpt(int records)
    {
        var export = JsonNode.Parse(File.ReadAllText(SharedData.Require("data/threatfox/export-json-recent-2026-07-24T1404Z.json")))!.AsObject();
        var excerpt = new JsonObject();
        foreach (var (id, value) in export.Take(records))
        {
            excerpt[id] = value!.DeepClone();
        }

        return excerpt.ToJsonString();
    }

    private static TestCaseData FileCase(string fileName, Func<string> content, SyncOutcome outcome, string reasonPart, string caseName) =>
        new TestCaseData(fileName, content, outcome, reasonPart).SetName($"FileFailure_RemovesNothing({caseName})");

    /// <summary>Returns the first 60% of the newer real export, cut in the middle of a record.</summary>
    private static string TruncatedExport()
    {
        var text = File.ReadAllText(SharedData.Require("data/threatfox/export-json-recent-2026-07-24T1404Z.json"));
        return text[..(text.Length * 6 / 10)];
    }

    /// <summary>Returns an API response with real <c>get_iocs</c> records that ends in the middle of the third one.</summary>
    private static string TruncatedApiResponse()
    {
        var records = File.ReadLines(SharedData.Require("data/threatfox/api-get_iocs-data-records-2022-08-05-excerpt.ndjson")).Take(3).ToList();
        var whole = "{\"query_status\":\"ok\",\"data\":[" + string.Join(',', records) + "]}";
        return whole[..(whole.Length - (records[2].Length / 2))];
    }

    /// <summary>Answers every ThreatFox request with a fresh response from <paramref name="respond"/>, and counts them.</summary>
    private sealed class StubThreatFoxHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        private int requests;

        public int Requests => Volatile.Read(ref requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            return Task.FromResult(respond());
        }
    }
}
