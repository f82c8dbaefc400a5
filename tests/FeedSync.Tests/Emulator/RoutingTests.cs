using System.Net;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class RoutingTests : EmulatorTestBase
{
    [Test]
    public async Task UnknownPath_Returns404ListingServedRoutes()
    {
        // Act
        using var response = await Client.GetAsync("subscriptions/x/providers/Microsoft.Resources/deployments?api-version=2025-12-01");
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("The emulator serves"));
    }

    [Test]
    public async Task UnknownSentinelResourceType_Returns400InvalidResourceType()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(WorkspacePath(EmulatorWorkspace.Default) + "/providers/Microsoft.SecurityInsights/alertRules"));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidResourceType"));
    }

    [Test]
    public async Task UnknownWorkspace_Returns404ParentResourceNotFound()
    {
        // Arrange
        var workspace = EmulatorWorkspace.Default with { WorkspaceName = "other" };

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistsPath(workspace)));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ParentResourceNotFound"));
    }

    [Test]
    public async Task UnknownResourceGroup_Returns404ResourceGroupNotFound()
    {
        // Arrange
        var workspace = EmulatorWorkspace.Default with { ResourceGroup = "nope" };

        // Act
        using var response = await Client.GetAsync(WithVersion(WatchlistsPath(workspace) + "/ThreatFox-IP"));
        var error = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ResourceGroupNotFound"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Does.Contain("'nope'"));
    }

    [Test]
    public async Task PostToWatchlist_Returns405WithAllow()
    {
        // Arrange
        using var content = Json("{}");

        // Act
        using var response = await Client.PostAsync(WithVersion(WatchlistPath("feedsync-ip")), content);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo((string[])["GET", "PUT", "DELETE"]));
    }

    [Test]
    public async Task GetWorkspace_ReturnsCustomerId()
    {
        // Act
        using var response = await Client.GetAsync(WithVersion(WorkspacePath(EmulatorWorkspace.Default), "2025-07-01"));
        var body = (await ReadJsonAsync(response))!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["properties"]!["customerId"]!.GetValue<string>(), Is.EqualTo(EmulatorWorkspace.Default.CustomerId.ToString("D")));
    }

    [Test]
    public async Task Responses_CarryRequestIdsAndEchoClientRequestId()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, WithVersion(WatchlistPath("missing")));
        request.Headers.Add("x-ms-client-request-id", "client-123");
        request.Headers.Add("x-ms-return-client-request-id", "true");

        // Act
        using var response = await Client.SendAsync(request);

        // Assert
        Assert.That(Guid.TryParse(response.Headers.GetValues("x-ms-request-id").Single(), out _), Is.True);
        Assert.That(response.Headers.GetValues("x-ms-client-request-id").Single(), Is.EqualTo("client-123"));
    }

    [Test]
    public async Task StartAsync_NegativeDeleteDuration_ThrowsNamingSetting()
    {
        // Act
        var failure = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await FeedSync.SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions { DeleteDuration = TimeSpan.FromSeconds(-1) }));

        // Assert
        Assert.That(failure!.ParamName, Is.EqualTo("DeleteDuration"));
    }
}
