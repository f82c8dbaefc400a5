using System.Text.Json;
using FeedSync.Functions.Http;
using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Functions.Tests.Http;

[TestFixture]
internal sealed class SyncRunsFunctionsTests
{
    private InMemoryRunHistory history = null!;
    private SyncRunsFunctions functions = null!;

    [SetUp]
    public async Task SetUp()
    {
        history = new InMemoryRunHistory();
        functions = new SyncRunsFunctions(history, NullLogger<SyncRunsFunctions>.Instance);
        for (int hour = 0; hour < 3; hour++)
        {
            DateTimeOffset startedAt = new(2025, 12, 4, hour, 0, 0, TimeSpan.Zero);
            string runId = SyncRunIds.Create(startedAt);
            await history.SaveAsync(new SyncRunRecord
            {
                RunId = runId,
                Trigger = SyncRunTrigger.Timer,
                Status = SyncRunStatus.Succeeded,
                StartedAt = startedAt,
                CompletedAt = startedAt.AddSeconds(5),
                Days = 1,
                Families = [],
                DryRun = false,
                Report = Reports.Succeeded(runId),
            });
        }
    }

    [Test]
    public async Task ListRuns_NoQuery_ReturnsRunsNewestFirst()
    {
        HttpTestResponse response = await ListAsync(string.Empty);

        string[] startedAt = response.Json.GetProperty("runs").EnumerateArray()
            .Select(run => run.GetProperty("startedAt").GetString()!)
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(startedAt, Has.Length.EqualTo(3));
            Assert.That(startedAt, Is.Ordered.Descending);
            Assert.That(response.Json.GetProperty("runs")[0].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            Assert.That(response.Json.GetProperty("runs")[0].GetProperty("trigger").GetString(), Is.EqualTo("timer"));
        });
    }

    [Test]
    public async Task ListRuns_Top_LimitsCount()
    {
        HttpTestResponse response = await ListAsync("?top=1");

        Assert.That(response.Json.GetProperty("runs").GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("?top=0")]
    [TestCase("?top=101")]
    [TestCase("?top=abc")]
    [TestCase("?top=-1")]
    [TestCase("?top=")]
    public async Task ListRuns_InvalidTop_Returns400NamingTop(string query)
    {
        HttpTestResponse response = await ListAsync(query);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Json.GetProperty("errors").TryGetProperty("top", out _), Is.True);
        });
    }

    [Test]
    public async Task GetRun_KnownId_ReturnsRecordWithSummary()
    {
        SyncRunRecord known = (await history.ListAsync(1)).Single();

        HttpTestResponse response = await GetAsync(known.RunId);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Json.GetProperty("runId").GetString(), Is.EqualTo(known.RunId));
            Assert.That(response.Json.GetProperty("report").GetProperty("arm").GetProperty("writes").GetInt64(), Is.EqualTo(30));
        });
    }

    [Test]
    public async Task GetRun_UnknownId_Returns404()
    {
        string unknown = SyncRunIds.Create(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

        HttpTestResponse response = await GetAsync(unknown);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain(unknown));
        });
    }

    [Test]
    public async Task GetRun_MalformedId_Returns404WithFormat()
    {
        HttpTestResponse response = await GetAsync("not-a-run");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.Json.GetProperty("detail").GetString(), Does.Contain(SyncRunIds.Example));
        });
    }

    private async Task<HttpTestResponse> ListAsync(string query)
    {
        IActionResult result = await functions.ListAsync(HttpTestRequests.Get("/api/sync/runs", query), new FakeFunctionContext());
        return await HttpTestRequests.ExecuteAsync(result);
    }

    private async Task<HttpTestResponse> GetAsync(string id)
    {
        IActionResult result = await functions.GetAsync(HttpTestRequests.Get($"/api/sync/runs/{id}"), id, new FakeFunctionContext());
        return await HttpTestRequests.ExecuteAsync(result);
    }
}
