using System.Net;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class ThrottlingTests : EmulatorTestBase
{
    protected override void Configure(SentinelEmulatorOptions options) => options.ThrottleLimits = new EmulatorThrottleLimits
    {
        ReadBucketSize = 3,
        ReadRefillPerSecond = 1,
        WriteBucketSize = 2,
        WriteRefillPerSecond = 0.5,
        DeleteBucketSize = 1,
        DeleteRefillPerSecond = 1,
    };

    [Test]
    public async Task Reads_BeyondBucket_Return429WithRetryAfter()
    {
        // Arrange
        for (var index = 0; index < 3; index++)
        {
            using var allowed = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        // Act
        using var throttled = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
        var error = (await ReadJsonAsync(throttled))!;

        // Assert
        Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(throttled.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(throttled.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single(), Is.EqualTo("0"));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("SubscriptionRequestsThrottled"));
        Assert.That(Emulator.Statistics.Throttled, Is.EqualTo(1));
    }

    [Test]
    public async Task Writes_AfterRetryAfter_AreServedAgain()
    {
        // Arrange
        for (var index = 0; index < 2; index++)
        {
            using var allowed = await PutAsync(Client, WatchlistPath($"w{index}"), WatchlistBody());
        }

        using var throttled = await PutAsync(Client, WatchlistPath("w2"), WatchlistBody());
        var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
        Clock.Advance(retryAfter);

        // Act
        using var retried = await PutAsync(Client, WatchlistPath("w2"), WatchlistBody());

        // Assert
        Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Responses_CarryRemainingCountPerClass()
    {
        // Act
        using var read = await Client.GetAsync(WithVersion(WatchlistPath("missing")));
        using var write = await PutAsync(Client, WatchlistPath("w"), WatchlistBody());
        using var delete = await Client.DeleteAsync(WithVersion(WatchlistPath("w")));

        // Assert
        Assert.That(read.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single(), Is.EqualTo("2"));
        Assert.That(write.Headers.GetValues("x-ms-ratelimit-remaining-subscription-writes").Single(), Is.EqualTo("1"));
        Assert.That(delete.Headers.GetValues("x-ms-ratelimit-remaining-subscription-deletes").Single(), Is.EqualTo("0"));
        Assert.That(write.Headers.Contains("x-ms-ratelimit-remaining-subscription-reads"), Is.False);
    }

    [Test]
    public async Task Reads_WithThrottlingDisabled_AreNeverThrottled()
    {
        // Arrange
        await using var unthrottled = await FeedSync.SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions
        {
            ThrottlingEnabled = false,
            ThrottleLimits = new EmulatorThrottleLimits { ReadBucketSize = 1 },
            TimeProvider = Clock,
        });
        using var client = CreateClient(unthrottled);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var index = 0; index < 5; index++)
        {
            using var response = await client.GetAsync(WithVersion(WatchlistPath("missing")));
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.NotFound));
    }
}
