using System.Net;
using System.Text.Json;
using FeedSync.Normalisation;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.ThreatFox;

[TestFixture]
internal sealed class ThreatFoxClientTests
{
    private const string ApiKey = "secret-auth-key-123";
    private static readonly Uri BaseUrl = new("http://127.0.0.1:9/api/v1/");

    [Test]
    public async Task GetIocs_Request_PostsBodyWithAuthKey()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, FeedContent.ApiResponse(FeedContent.ApiRecord("1.2.3.4:80")));
        var client = CreateClient(handler);

        // Act
        var records = await client.GetIocsAsync(3).ToListAsync();

        // Assert
        var (request, body) = handler.Requests.Single();
        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.RequestUri, Is.EqualTo(BaseUrl));
        Assert.That(request.Headers.GetValues(ThreatFoxClient.AuthKeyHeader).Single(), Is.EqualTo(ApiKey));
        Assert.That(request.Content!.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body, Is.EqualTo("""{"query":"get_iocs","days":3}"""));
    }

    [TestCase(0)]
    [TestCase(8)]
    [TestCase(-1)]
    public async Task GetIocs_DaysOutOfRange_RejectedBeforeSending(int days)
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, FeedContent.ApiResponse());
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(days).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.InvalidRequest));
        Assert.That(exception.Message, Does.Contain("days must be 1 to 7"));
        Assert.That(handler.Requests, Is.Empty);
    }

    [Test]
    public async Task Queries_Bodies_MatchApi()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, FeedContent.ApiResponse());
        var client = CreateClient(handler);

        // Act
        await client.GetMalwareInfoAsync("win.remcos", 1000).ToListAsync();
        await client.GetTagInfoAsync("Remcos", 10).ToListAsync();
        await client.SearchIocAsync("124.198.132.98", exactMatch: true).ToListAsync();
        await client.GetIocAsync(41).ToListAsync();

        // Assert
        Assert.That(handler.Requests.Select(request => request.Body), Is.EqualTo(new List<string>
        {
            """{"query":"malwareinfo","malware":"win.remcos","limit":1000}""",
            """{"query":"taginfo","tag":"Remcos","limit":10}""",
            """{"query":"search_ioc","search_term":"124.198.132.98","exact_match":true}""",
            """{"query":"ioc","id":41}""",
        }));
    }

    [TestCase(0)]
    [TestCase(1001)]
    public void MalwareInfo_LimitOutOfRange_Rejected(int limit)
    {
        // Act
        var exception = Assert.Throws<ThreatFoxException>(() => ThreatFoxQuery.MalwareInfo("win.remcos", limit));

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.InvalidRequest));
    }

    [TestCase(HttpStatusCode.Unauthorized, ThreatFoxErrorKind.Unauthorized, "FeedSync:ThreatFox:ApiKey")]
    [TestCase(HttpStatusCode.PaymentRequired, ThreatFoxErrorKind.PaymentRequired, "plan")]
    [TestCase(HttpStatusCode.Forbidden, ThreatFoxErrorKind.Forbidden, "may not run this query")]
    [TestCase(HttpStatusCode.NotFound, ThreatFoxErrorKind.UnexpectedStatus, "FeedSync:ThreatFox:BaseUrl")]
    public async Task Send_ClientErrorStatus_ThrowsWithoutRetry(HttpStatusCode status, ThreatFoxErrorKind kind, string fix)
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(status, "{}");
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(kind));
        Assert.That(exception.StatusCode, Is.EqualTo(status));
        Assert.That(exception.Message, Does.Contain(fix));
        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Send_RateLimitedThenOk_Retries()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler()
            .Respond(HttpStatusCode.TooManyRequests, "{}", response => response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero))
            .Respond(HttpStatusCode.OK, FeedContent.ApiResponse(FeedContent.ApiRecord("1.2.3.4:80")));
        var client = CreateClient(handler);

        // Act
        var records = await client.GetIocsAsync(1).ToListAsync();

        // Assert
        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(handler.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Send_RateLimitedAlways_ThrowsAfterRetries()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.TooManyRequests, "{}");
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.RateLimited));
        Assert.That(exception.Message, Does.Contain("after 3 attempts"));
        Assert.That(handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Send_RetryAfterTooLong_FailsAtOnce()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.TooManyRequests, "{}", response => response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1)));
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.RateLimited));
        Assert.That(exception.Message, Does.Contain("MaxRetryAfter"));
        Assert.That(exception.Message, Does.Not.Contain("MaxRetryAttempts"));
        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Send_ServerErrorAlways_ThrowsAfterRetries(HttpStatusCode status)
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(status, "<html>down</html>", mediaType: "text/html");
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.ServerError));
        Assert.That(exception.StatusCode, Is.EqualTo(status));
        Assert.That(handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Send_ServerErrorThenOk_Retries()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler()
            .Respond(HttpStatusCode.BadGateway)
            .Respond(HttpStatusCode.OK, FeedContent.ApiResponse(FeedContent.ApiRecord("1.2.3.4:80")));
        var client = CreateClient(handler);

        // Act
        var records = await client.GetIocsAsync(1).ToListAsync();

        // Assert
        Assert.That(records, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Send_ConnectionFails_ThrowsNetworkError()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().RespondWith((_, _) => throw new HttpRequestException("Connection refused"));
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.NetworkError));
        Assert.That(exception.Message, Does.Contain("Connection refused. Check FeedSync:ThreatFox:BaseUrl"));
        Assert.That(handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Send_NoAnswer_TimesOutPerAttempt()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().RespondWith(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var client = CreateClient(handler, options => options.AttemptTimeout = TimeSpan.FromMilliseconds(50));

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.Timeout));
        Assert.That(handler.Requests, Has.Count.EqualTo(3));
    }

    [TestCase("unknown_auth_key", ThreatFoxErrorKind.Unauthorized)]
    [TestCase("illegal_days", ThreatFoxErrorKind.IllegalParameter)]
    [TestCase("ratelimited", ThreatFoxErrorKind.RateLimited)]
    [TestCase("brand_new_status", ThreatFoxErrorKind.UnknownQueryStatus)]
    public async Task Send_ErrorQueryStatus_ThrowsTypedError(string status, ThreatFoxErrorKind kind)
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, $$"""{"query_status":"{{status}}","data":"message"}""");
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(kind));
        Assert.That(exception.QueryStatus, Is.EqualTo(status));
    }

    [Test]
    public async Task Send_NoResult_ReturnsEmpty()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, """{"query_status":"no_result","data":"Your search did not yield any results"}""");
        var client = CreateClient(handler);

        // Act
        var records = await client.SearchIocAsync("nothing.example").ToListAsync();

        // Assert
        Assert.That(records, Is.Empty);
    }

    [TestCase("<!DOCTYPE html><html><body>Cloudflare</body></html>", "HTML")]
    [TestCase("{\"1\": [{\"ioc_value\": \"a.example\"}]}", "ExportJson")]
    [TestCase("{\"query_status\":\"ok\",\"data\":[{\"ioc\":\"1.2.3.4:80\"}", "truncated")]
    public async Task Send_BodyNotApiResponse_ThrowsInvalidResponse(string body, string expectedText)
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, body);
        var client = CreateClient(handler);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.InvalidResponse));
        Assert.That(exception.Message, Does.Contain(expectedText));
    }

    [Test]
    public async Task Send_NoApiKey_ThrowsWithoutSending()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, FeedContent.ApiResponse());
        var client = CreateClient(handler, options => options.ApiKey = null);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(exception!.Kind, Is.EqualTo(ThreatFoxErrorKind.Unauthorized));
        Assert.That(exception.Message, Does.Contain("FeedSync__ThreatFox__ApiKey"));
        Assert.That(handler.Requests, Is.Empty);
    }

    [Test]
    public async Task Logs_RetriesAndFailures_NeverContainAuthKey()
    {
        // Arrange
        var logger = new ListLogger<ThreatFoxClient>();
        var handler = new FakeThreatFoxHandler()
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.Unauthorized);
        var client = CreateClient(handler, logger: logger);

        // Act
        var exception = await Assert.ThrowsAsync<ThreatFoxException>(() => client.GetIocsAsync(1).ToListAsync().AsTask());

        // Assert
        Assert.That(logger.Entries.Select(entry => entry.EventId.Id), Is.SupersetOf(new List<int> { 1000, 1002, 1003 }));
        Assert.That(logger.Entries.Select(entry => entry.Message), Has.None.Contains(ApiKey));
        Assert.That(logger.Entries.Select(entry => entry.Exception?.ToString() ?? string.Empty), Has.None.Contains(ApiKey));
        Assert.That(exception!.ToString(), Does.Not.Contain(ApiKey));
    }

    [Test]
    public async Task Pipeline_ThreatFoxSource_QueriesGetIocsWithDays()
    {
        // Arrange
        var handler = new FakeThreatFoxHandler().Respond(HttpStatusCode.OK, File.ReadAllText(Path.Combine(Support.SharedData.RepositoryRoot, "samples", "threatfox-remcos.json")));
        var pipeline = new IngestPipeline(CreateClient(handler));

        // Act
        var result = await pipeline.RunAsync(new IngestRequest { Source = "ThreatFox", Days = 7 });

        // Assert
        Assert.That(result.Accepted, Is.EqualTo(3));
        Assert.That(result.Format, Is.EqualTo(ThreatFoxFeedFormat.ApiResponse));
        Assert.That(JsonDocument.Parse(handler.Requests.Single().Body).RootElement.GetProperty("days").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public void RetryAfter_Delta_ReturnsDelta()
    {
        // Arrange
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));

        // Act
        var delay = ThreatFoxResilience.RetryAfter(response, TimeProvider.System);

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void RetryAfter_Date_MeasuredFromClock()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 26, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(45));

        // Act
        var delay = ThreatFoxResilience.RetryAfter(response, clock);

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(45)));
    }

    [Test]
    public void RetryAfter_Missing_ReturnsNull()
    {
        // Arrange
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        // Act
        var delay = ThreatFoxResilience.RetryAfter(response, TimeProvider.System);

        // Assert
        Assert.That(delay, Is.Null);
    }

    [Test]
    public void Validator_BadValues_NameSettings()
    {
        // Arrange
        var options = new ThreatFoxClientOptions { BaseUrl = new Uri("ftp://127.0.0.1/"), ApiKey = "has space", AttemptTimeout = TimeSpan.FromMinutes(5), Timeout = TimeSpan.FromMinutes(1) };

        // Act
        var result = new ThreatFoxClientOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:ThreatFox:BaseUrl"));
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:ThreatFox:AttemptTimeout"));
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:ThreatFox:ApiKey"));
        Assert.That(result.FailureMessage, Does.Not.Contain("has space"));
    }

    [TestCase("http://threatfox-api.abuse.ch/api/v1/")]
    [TestCase("http://10.0.0.5/api/v1/")]
    public void Validator_HttpNonLoopback_Rejected(string baseUrl)
    {
        // Arrange
        var options = new ThreatFoxClientOptions { BaseUrl = new Uri(baseUrl) };

        // Act
        var result = new ThreatFoxClientOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:ThreatFox:BaseUrl"));
        Assert.That(result.FailureMessage, Does.Contain("https"));
    }

    [TestCase("http://127.0.0.1:9/api/v1/")]
    [TestCase("http://localhost:8080/")]
    [TestCase("http://[::1]:8080/")]
    [TestCase("https://threatfox-api.abuse.ch/api/v1/")]
    public void Validator_HttpsOrLoopback_Accepted(string baseUrl)
    {
        // Arrange
        var options = new ThreatFoxClientOptions { BaseUrl = new Uri(baseUrl) };

        // Act
        var result = new ThreatFoxClientOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    private static ThreatFoxClient CreateClient(FakeThreatFoxHandler handler, Action<ThreatFoxClientOptions>? configure = null, ListLogger<ThreatFoxClient>? logger = null)
    {
        var options = new ThreatFoxClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = BaseUrl,
            MaxRetryAttempts = 2,
            RetryDelay = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new ThreatFoxClient(new HttpClient(handler), Options.Create(options), logger);
    }
}
