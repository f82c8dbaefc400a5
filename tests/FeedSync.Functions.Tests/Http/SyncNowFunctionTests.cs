using System.Text.Json;
using FeedSync.Functions.Http;
using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using FeedSync.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Tests.Http;

[TestFixture]
internal sealed class SyncNowFunctionTests
{
    private static readonly string[] ConfiguredFamilies = ["win.remcos", "win.asyncrat"];
    private static readonly string[] RequestedFamilies = ["Remcos", "win.agent_tesla"];

    private CoordinatorFixture fixture = null!;
    private SyncNowFunction function = null!;

    [SetUp]
    public void SetUp()
    {
        fixture = new CoordinatorFixture();
        function = new SyncNowFunction(fixture.Coordinator, fixture.LoggerFactory.CreateLogger<SyncNowFunction>());
    }

    [TearDown]
    public void TearDown() => fixture.Dispose();

    [Test]
    public async Task SyncNow_NoBody_ReturnsSummary()
    {
        HttpTestResponse response = await InvokeAsync(body: null);

        SyncRequest request = fixture.Runner.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.ContentType, Does.StartWith("application/json"));
            Assert.That(response.Json.GetProperty("runId").GetString(), Is.EqualTo(request.RunId));
            Assert.That(response.Json.GetProperty("outcome").GetString(), Is.EqualTo("succeeded"));
            Assert.That(response.Json.GetProperty("watchlists")[0].GetProperty("alias").GetString(), Is.EqualTo("ThreatFox0"));
            Assert.That(request.Days, Is.EqualTo(2));
            Assert.That(request.DryRun, Is.False);
            Assert.That(request.Filter.Families, Is.EqualTo(ConfiguredFamilies));
            Assert.That(request.Filter.MinConfidence, Is.EqualTo(50));
            Assert.That(request.Source, Is.EqualTo("threatfox"));
            Assert.That(request.Force, Is.False);
        });
    }

    [Test]
    public async Task SyncNow_BodyOverrides_ReachTheSyncRequest()
    {
        HttpTestResponse response = await InvokeAsync("""{"families": [" Remcos ", "remcos", "win.agent_tesla"], "days": 7, "dryRun": true}""");

        SyncRequest request = fixture.Runner.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(request.Days, Is.EqualTo(7));
            Assert.That(request.DryRun, Is.True);
            Assert.That(request.Filter.Families, Is.EqualTo(RequestedFamilies));
            Assert.That(request.Filter.MinConfidence, Is.EqualTo(50));
        });
    }

    [Test]
    public async Task SyncNow_EmptyFamilies_KeepsEveryFamily()
    {
        await InvokeAsync("""{"families": []}""");

        Assert.That(fixture.Runner.Requests.Single().Filter.Families, Is.Empty);
    }

    [TestCase("""{"days": 0}""", "days")]
    [TestCase("""{"days": 8}""", "days")]
    [TestCase("""{"days": "3"}""", "days")]
    [TestCase("""{"days": 1.5}""", "days")]
    [TestCase("""{"days": null}""", "days")]
    [TestCase("""{"dryRun": "yes"}""", "dryRun")]
    [TestCase("""{"dryRun": 1}""", "dryRun")]
    [TestCase("""{"families": "win.remcos"}""", "families")]
    [TestCase("""{"families": null}""", "families")]
    [TestCase("""{"families": [1]}""", "families[0]")]
    [TestCase("""{"families": ["win.remcos", ""]}""", "families[1]")]
    [TestCase("""{"families": ["win.remcos\u0000"]}""", "families[0]")]
    [TestCase("""{"force": true}""", "force")]
    [TestCase("""{"days": 1, "Days": 2}""", "Days")]
    [TestCase("""[1, 2]""", "body")]
    [TestCase("""null""", "body")]
    [TestCase("""{"days": """, "body")]
    [TestCase("""{"days": 1} {"days": 2}""", "body")]
    public async Task SyncNow_InvalidBody_Returns400NamingField(string body, string field)
    {
        HttpTestResponse response = await InvokeAsync(body);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(response.Json.GetProperty("errors").TryGetProperty(field, out _), Is.True, response.Body);
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain(field.Split('[')[0]));
            Assert.That(fixture.Runner.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task SyncNow_FieldNameWithNewline_IsNotEchoedRaw()
    {
        HttpTestResponse response = await InvokeAsync("""{"x\nFeedSync forged line": 1}""");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain("'x?FeedSync forged line'"));
            Assert.That(fixture.Logs.Entries.Select(entry => entry.Message), Has.None.Contains("\n"));
        });
    }

    [Test]
    public async Task SyncNow_TooManyFamilies_Returns400()
    {
        string families = string.Join(",", Enumerable.Range(0, SyncRequestBody.MaxFamilies + 1).Select(index => $"\"family{index}\""));

        HttpTestResponse response = await InvokeAsync($$"""{"families": [{{families}}]}""");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Json.GetProperty("errors").GetProperty("families")[0].GetString(), Does.Contain("at most 100"));
        });
    }

    [Test]
    public async Task SyncNow_SeveralErrors_ReportsEachField()
    {
        HttpTestResponse response = await InvokeAsync("""{"days": 9, "dryRun": "no", "extra": 1}""");

        JsonElement errors = response.Json.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.TryGetProperty("days", out _), Is.True);
            Assert.That(errors.TryGetProperty("dryRun", out _), Is.True);
            Assert.That(errors.TryGetProperty("extra", out _), Is.True);
        });
    }

    [Test]
    public async Task SyncNow_TextBody_Returns415()
    {
        HttpTestResponse response = await InvokeAsync("days=3", "text/plain");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(415));
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain("text/plain"));
            Assert.That(fixture.Runner.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task SyncNow_JsonWithCharset_IsAccepted()
    {
        HttpTestResponse response = await InvokeAsync("""{"days": 3}""", "application/json; charset=utf-8");

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task SyncNow_OversizedBody_Returns413()
    {
        string body = $$"""{"families": ["{{new string('a', SyncRequestBody.MaxBytes)}}"]}""";

        HttpTestResponse response = await InvokeAsync(body);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(413));
            Assert.That(fixture.Runner.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task SyncNow_WhileRunning_Returns409WithRunId()
    {
        TaskCompletionSource release = new();
        fixture.Runner.BlockUntil(release.Task);
        Task<HttpTestResponse> first = InvokeAsync(body: null);
        SyncRequest running = await fixture.Runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        HttpTestResponse second = await InvokeAsync("""{"dryRun": true}""");
        release.SetResult();
        HttpTestResponse firstResponse = await first;

        Assert.Multiple(() =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(409));
            Assert.That(second.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(second.Json.GetProperty("runId").GetString(), Is.EqualTo(running.RunId));
            Assert.That(second.Json.GetProperty("detail").GetString(), Does.Contain(running.RunId));
            Assert.That(fixture.Runner.Requests, Has.Count.EqualTo(1));
            Assert.That(firstResponse.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task SyncNow_Stopped_Returns200()
    {
        fixture.Runner.Behaviour = (request, _) => Task.FromResult(Reports.Stopped(request.RunId));

        HttpTestResponse response = await InvokeAsync(body: null);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Json.GetProperty("outcome").GetString(), Is.EqualTo("stopped"));
            Assert.That(response.Json.GetProperty("reason").GetString(), Does.Contain("safety threshold"));
        });
    }

    [Test]
    public async Task SyncNow_SyncThrows_Returns500()
    {
        fixture.Runner.Behaviour = (_, _) => throw new InvalidOperationException("ARM answered 403 for watchlist ThreatFoxIp.");

        HttpTestResponse response = await InvokeAsync(body: null);

        string runId = fixture.Runner.Requests.Single().RunId;
        SyncRunRecord? record = await fixture.History.GetAsync(runId);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(500));
            Assert.That(response.Json.GetProperty("runId").GetString(), Is.EqualTo(runId));
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain("ARM answered 403"));
            Assert.That(record?.Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(((InMemorySyncLock)fixture.Lock).HolderRunId, Is.Null);
        });
    }

    private async Task<HttpTestResponse> InvokeAsync(string? body, string contentType = "application/json")
    {
        IActionResult result = await function.RunAsync(HttpTestRequests.Post("/api/sync", body, contentType), new FakeFunctionContext());
        return await HttpTestRequests.ExecuteAsync(result);
    }
}
