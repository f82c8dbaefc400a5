using System.Net;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Watchlists;

namespace FeedSync.Tests.Sentinel;

[TestFixture]
internal sealed class SentinelAuthorizationErrorTests
{
    [Test]
    public async Task Write403_NamesSentinelContributor()
    {
        var transport = new FakeTransport().Respond(
            HttpStatusCode.Forbidden,
            ArmBodies.Error("AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.SecurityInsights/watchlists/write'"),
            ("x-ms-request-id", "req-403"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() =>
            client.CreateOrUpdateWatchlistAsync("ThreatFox-IP", new SentinelWatchlistData("IP", "FeedSync", "Indicator")));

        Assert.That(exception!.Status, Is.EqualTo(403));
        Assert.That(exception.ErrorCode, Is.EqualTo("AuthorizationFailed"));
        Assert.That(exception.RequestId, Is.EqualTo("req-403"));
        Assert.That(exception.Message, Does.Contain("'Microsoft Sentinel Contributor' role on workspace 'myWorkspace'"));
        Assert.That(transport.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Delete403_NamesSentinelContributor()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Forbidden, ArmBodies.Error("AuthorizationFailed", "No access"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.DeleteWatchlistItemAsync("ThreatFox-IP", Guid.NewGuid()));

        Assert.That(exception!.Message, Does.Contain("Microsoft Sentinel Contributor"));
    }

    [Test]
    public async Task Read403_NamesSentinelReader()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Forbidden, ArmBodies.Error("AuthorizationFailed", "No access"));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.GetWatchlistAsync("ThreatFox-IP"));

        Assert.That(exception!.Message, Does.Contain("'Microsoft Sentinel Reader' role"));
    }

    [Test]
    public async Task Query403_NamesLogAnalyticsReader()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Forbidden, ArmBodies.Error("InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation"));
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.QueryWorkspaceAsync(Guid.NewGuid(), "Watchlist"));

        Assert.That(exception!.ErrorCode, Is.EqualTo("InsufficientAccessError"));
        Assert.That(exception.Message, Does.Contain("'Log Analytics Reader' role"));
    }

    [Test]
    public async Task Write401_NamesTokenAndRole()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Unauthorized, ArmBodies.Error("InvalidAuthenticationToken", "The access token is invalid."));
        var client = SentinelTestClient.Create(transport).GetWatchlistClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() =>
            client.CreateOrUpdateWatchlistItemAsync("ThreatFox-IP", Guid.NewGuid(), new Dictionary<string, string> { ["Indicator"] = "1.2.3.4" }));

        Assert.That(exception!.Status, Is.EqualTo(401));
        Assert.That(exception.Message, Does.Contain("token was rejected"));
        Assert.That(exception.Message, Does.Contain("Microsoft Sentinel Contributor"));
        Assert.That(exception.Message, Does.Not.Contain(SentinelTestClient.StaticTokenCredential.Token));
    }

    [Test]
    public async Task Query401_NamesLogAnalyticsReader()
    {
        var transport = new FakeTransport().Respond(HttpStatusCode.Unauthorized, ArmBodies.Error("AuthorizationRequiredError", "Valid authentication was not provided"));
        var client = SentinelTestClient.Create(transport).GetLogAnalyticsQueryClient();

        var exception = await Assert.ThrowsAsync<SentinelRequestException>(() => client.QueryWorkspaceAsync(Guid.NewGuid(), "Watchlist"));

        Assert.That(exception!.Message, Does.Contain("Log Analytics Reader"));
    }
}
