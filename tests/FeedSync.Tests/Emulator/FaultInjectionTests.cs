using System.Diagnostics;
using System.Net;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class FaultInjectionTests : EmulatorTestBase
{
    [Test]
    public async Task ThrottleRate_One_Answers429WithRetryAfter()
    {
        // Arrange
        Emulator.Faults.ThrottleRate = 1;
        Emulator.Faults.ThrottleRetryAfterSeconds = 3;

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistPath("missing")));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task ThrottleRate_Half_ThrottlesSomeButNotAll()
    {
        // Arrange
        Emulator.Faults.ThrottleRate = 0.5;
        Emulator.Faults.Seed = 7;

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var index = 0; index < 40; index++)
        {
            using var response = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
            statuses.Add(response.StatusCode);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Assert
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ServerErrorRate_One_Answers5xxWithoutSideEffect()
    {
        // Arrange
        Emulator.Faults.ServerErrorRate = 1;

        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        Emulator.Faults.ServerErrorRate = 0;
        using var fetched = await Client.GetAsync(WithVersion(WatchlistPath("feedsync-ip")));

        // Assert
        Assert.That((int)response.StatusCode, Is.AnyOf(500, 502, 503, 504));
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Emulator.Statistics.ServerErrors, Is.EqualTo(1));
    }

    [Test]
    public async Task DropConnectionAfterWrites_AbortsLaterWrites()
    {
        // Arrange
        Emulator.Faults.DropConnectionAfterWrites = 1;
        using var first = await PutAsync(Client, WatchlistPath("first"), WatchlistBody());

        // Act
        var failure = await Assert.ThrowsAsync<HttpRequestException>(async () => await PutAsync(Client, WatchlistPath("second"), WatchlistBody()));
        using var read = await Client.GetAsync(WithVersion(WatchlistPath("first")));

        // Assert
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(failure, Is.Not.Null);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Emulator.Statistics.DroppedConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task AddedLatency_DelaysResponses()
    {
        // Arrange
        await using var slow = await FeedSync.SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions
        {
            Faults = new EmulatorFaultOptions { AddedLatency = TimeSpan.FromMilliseconds(300) },
        });
        using var client = CreateClient(slow);
        var stopwatch = Stopwatch.StartNew();

        // Act
        using var response = await client.GetAsync(WithVersion(WatchlistPath("missing")));
        stopwatch.Stop();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    public async Task MissingAuthorization_Answers401()
    {
        // Arrange
        using var anonymous = CreateClient(Emulator, withToken: false);

        // Act
        using var response = await anonymous.GetAsync(WithVersion(WatchlistPath("missing")));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("AuthenticationFailed"));
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task RejectTokens_Answers401InvalidAuthenticationToken()
    {
        // Arrange
        Emulator.Faults.RejectTokens = true;

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidAuthenticationToken"));
    }

    [Test]
    public async Task ForbidWrites_Answers403NamingSentinelContributor()
    {
        // Arrange
        Emulator.Faults.ForbidWrites = true;

        // Act
        using var response = await PutAsync(Client, WatchlistPath("feedsync-ip"), WatchlistBody());
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("AuthorizationFailed"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("Microsoft.SecurityInsights/watchlists/write").And.Contain("Microsoft Sentinel Contributor"));
    }

    [Test]
    public async Task ForbidQueries_Answers403InsufficientAccess()
    {
        // Arrange
        Emulator.Faults.ForbidQueries = true;
        using var content = Json("{\"query\":\"Watchlist | count\"}");

        // Act
        using var response = await Client.PostAsync($"v1/workspaces/{EmulatorWorkspace.Default.CustomerId:D}/query", content);
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InsufficientAccessError"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("Log Analytics Reader"));
    }
}
