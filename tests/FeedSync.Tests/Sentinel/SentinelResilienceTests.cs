using System.Net;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Watchlists;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class SentinelResilienceTests
{
    [Test]
    public async Task Get_ServerErrorThenSuccess_RetriesAndCounts()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.ServiceUnavailable, ArmBodies.Error("ServiceUnavailable", "Try later"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport);

        var watchlist = await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        var counts = client.GetCallCounts();
        Assert.That(watchlist.Alias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(transport.Requests, Has.Count.EqualTo(2));
        Assert.That(counts.Reads, Is.EqualTo(2));
        Assert.That(counts.Retries, Is.EqualTo(1));
        Assert.That(counts.Throttled, Is.Zero);
    }

    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Get_TransientStatus_IsRetried(HttpStatusCode status)
    {
        var transport = new FakeTransport()
            .Respond(status, ArmBodies.Error("Transient", "Transient failure"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport);

        await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        Assert.That(transport.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Conflict)]
    [TestCase(HttpStatusCode.NotImplemented)]
    public async Task Get_PermanentStatus_IsNotRetried(HttpStatusCode status)
    {
        var transport = new FakeTransport().Respond(status, ArmBodies.Error("BadRequest", "Invalid"));
        var client = SentinelTestClient.Create(transport);

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.Status, Is.EqualTo((int)status));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Get_RetriesExhausted_ThrowsWithStatusAndRequestId()
    {
        var transport = new FakeTransport
        {
            Fallback = _ => FakeTransport.CreateResponse(HttpStatusCode.InternalServerError, ArmBodies.Error("InternalServerError", "Boom"), ("x-ms-request-id", "req-500")),
        };
        var client = SentinelTestClient.Create(transport);

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.Status, Is.EqualTo(500));
        Assert.That(exception.ErrorCode, Is.EqualTo("InternalServerError"));
        Assert.That(exception.RequestId, Is.EqualTo("req-500"));
        Assert.That(exception.Retries, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("Boom"));
        Assert.That(transport.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Throttled_RetryAfterSeconds_WaitsThatLong()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var logs = new ListLoggerFactory();
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.TooManyRequests, ArmBodies.Error("TooManyRequests", "Throttled"), ("Retry-After", "7"), ("x-ms-request-id", "req-429"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var options = SentinelTestClient.FastOptions(transport, time, logs);
        var client = SentinelTestClient.Create(transport, options);
        var started = time.GetUtcNow();

        await SentinelTestClient.RunWithFakeTimeAsync(time, client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        var retry = logs.Entries.Single(entry => entry.EventId == 3001);
        Assert.That(retry.Values["DelayMs"], Is.EqualTo(7000L));
        Assert.That(retry.Values["RequestId"], Is.EqualTo("req-429"));
        Assert.That(time.GetUtcNow() - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(client.GetCallCounts().Throttled, Is.EqualTo(1));
    }

    [Test]
    public async Task Throttled_RetryAfterAboveMaxDelay_IsStillHonoured()
    {
        var time = new FakeTimeProvider();
        var logs = new ListLoggerFactory();
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.TooManyRequests, null, ("Retry-After", "45"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var options = SentinelTestClient.FastOptions(transport, time, logs);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        var client = SentinelTestClient.Create(transport, options);

        await SentinelTestClient.RunWithFakeTimeAsync(time, client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        var retry = logs.Entries.Single(entry => entry.EventId == 3001);
        Assert.That(retry.Values["DelayMs"], Is.EqualTo(45000L));
    }

    [TestCase("retry-after-ms")]
    [TestCase("x-ms-retry-after-ms")]
    public async Task Throttled_RetryAfterMilliseconds_WaitsThatLong(string header)
    {
        var time = new FakeTimeProvider();
        var logs = new ListLoggerFactory();
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.TooManyRequests, null, (header, "1500"), ("Retry-After", "9"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport, SentinelTestClient.FastOptions(transport, time, logs));

        await SentinelTestClient.RunWithFakeTimeAsync(time, client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(logs.Entries.Single(entry => entry.EventId == 3001).Values["DelayMs"], Is.EqualTo(1500L));
    }

    [Test]
    public async Task Throttled_RetryAfterAboveMaxRetryAfter_FailsWithoutRetry()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.TooManyRequests, ArmBodies.Error("TooManyRequests", "Throttled"), ("Retry-After", "3600"));
        var options = SentinelTestClient.FastOptions(transport);
        options.MaxRetryAfter = TimeSpan.FromMinutes(1);
        var client = SentinelTestClient.Create(transport, options);

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.Status, Is.EqualTo(429));
        Assert.That(exception.Message, Does.Contain("MaxRetryAfter"));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Get_DroppedConnectionThenSuccess_Retries()
    {
        var transport = new FakeTransport()
            .Throw(new HttpRequestException("The response ended prematurely.", new IOException("Connection reset")))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport);

        var watchlist = await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        Assert.That(watchlist.Alias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(client.GetCallCounts().Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task Get_ConnectionAlwaysFails_ThrowsConnectionFailed()
    {
        var transport = new FakeTransport { Fallback = _ => throw new HttpRequestException("Connection refused") };
        var client = SentinelTestClient.Create(transport);

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.Status, Is.Zero);
        Assert.That(exception.ErrorCode, Is.EqualTo("ConnectionFailed"));
        Assert.That(exception.Retries, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("https://management.example.test"));
        Assert.That(transport.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Get_AttemptTimesOut_IsRetried()
    {
        var transport = new FakeTransport()
            .Hang()
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var options = SentinelTestClient.FastOptions(transport);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        var client = SentinelTestClient.Create(transport, options);

        var watchlist = await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        Assert.That(watchlist.Alias, Is.EqualTo("ThreatFox-IP"));
        Assert.That(transport.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Get_EveryAttemptTimesOut_ThrowsTimeout()
    {
        var transport = new FakeTransport().Hang().Hang();
        var options = SentinelTestClient.FastOptions(transport);
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(100);
        var client = SentinelTestClient.Create(transport, options);

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.ErrorCode, Is.EqualTo("Timeout"));
        Assert.That(exception.Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task Get_CallerCancels_IsNotRetried()
    {
        var transport = new FakeTransport().Hang().Hang();
        var client = SentinelTestClient.Create(transport);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.CatchAsync<OperationCanceledException>(() => client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP", cancellation.Token));

        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BulkUpload_ServerError_IsNotRetried()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.ServiceUnavailable, ArmBodies.Error("ServiceUnavailable", "Unavailable"));
        var client = SentinelTestClient.Create(transport);
        var data = new SentinelWatchlistData("IP", "FeedSync", "Indicator");

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() =>
            client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", data, "Indicator\n1.2.3.4\n"));

        Assert.That(exception!.Status, Is.EqualTo(503));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BulkUpload_DroppedConnection_IsNotRetried()
    {
        var transport = new FakeTransport().Throw(new HttpRequestException("Connection reset"));
        var client = SentinelTestClient.Create(transport);
        var data = new SentinelWatchlistData("IP", "FeedSync", "Indicator");

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() =>
            client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", data, "Indicator\n1.2.3.4\n"));

        Assert.That(exception!.ErrorCode, Is.EqualTo("ConnectionFailed"));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BulkUpload_Throttled_IsRetried()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.TooManyRequests, null, ("retry-after-ms", "1"))
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport);
        var data = new SentinelWatchlistData("IP", "FeedSync", "Indicator");

        await client.GetWatchlistClient().UploadWatchlistItemsAsync("ThreatFox-IP", data, "Indicator\n1.2.3.4\n");

        Assert.That(transport.Requests, Has.Count.EqualTo(2));
        Assert.That(client.GetCallCounts().Writes, Is.EqualTo(2));
        Assert.That(client.GetCallCounts().Throttled, Is.EqualTo(1));
    }

    [Test]
    public async Task Retries_KeepClientRequestIdAndSendBearerToken()
    {
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.BadGateway)
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"));
        var client = SentinelTestClient.Create(transport);

        await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");

        var requests = transport.Requests;
        Assert.That(requests[0].ClientRequestId, Is.Not.Null.And.EqualTo(requests[1].ClientRequestId));
        Assert.That(requests[0].Authorization, Is.EqualTo("Bearer " + SentinelTestClient.StaticTokenCredential.Token));
        Assert.That(requests[1].Authorization, Is.EqualTo("Bearer " + SentinelTestClient.StaticTokenCredential.Token));
    }

    [Test]
    public async Task CallCounts_CountEachKind()
    {
        var itemId = Guid.NewGuid();
        var transport = new FakeTransport()
            .Respond(HttpStatusCode.OK, ArmBodies.Watchlist("ThreatFox-IP"))
            .Respond(HttpStatusCode.OK, ArmBodies.Item(itemId, "1.2.3.4"))
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.OK, """{"tables":[]}""");
        var client = SentinelTestClient.Create(transport);

        await client.GetWatchlistClient().GetWatchlistAsync("ThreatFox-IP");
        await client.GetWatchlistClient().CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", itemId, new Dictionary<string, string> { ["Indicator"] = "1.2.3.4" });
        await client.GetWatchlistClient().DeleteWatchlistItemAsync("ThreatFox-IP", itemId);
        await client.GetLogAnalyticsQueryClient().QueryWorkspaceAsync(Guid.NewGuid(), "Watchlist | take 1");

        var counts = client.GetCallCounts();
        Assert.That(counts.Reads, Is.EqualTo(2));
        Assert.That(counts.Writes, Is.EqualTo(1));
        Assert.That(counts.Deletes, Is.EqualTo(1));
        Assert.That(counts.Retries, Is.Zero);
    }
}
