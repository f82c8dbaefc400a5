using System.Globalization;
using System.Text.Json;
using FeedSync.Functions.Http;
using FeedSync.Functions.Tests.Support;
using FeedSync.SentinelEmulator;
using FeedSync.ThreatFox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Tests.Http;

/// <summary>
/// <c>POST /api/sync</c> through the app's real composition: the real sync, the local Sentinel emulator on
/// 127.0.0.1, the lease and run history on Azurite, and a stub in place of the ThreatFox API.
/// </summary>
[TestFixture]
internal sealed class SyncNowEndToEndTests
{
    private string stateDirectory = null!;

    [SetUp]
    public void SetUp() => stateDirectory = Directory.CreateTempSubdirectory("feedsync-functions-e2e-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(stateDirectory, recursive: true);

    [Test]
    public async Task SyncNow_RealSync_WritesWorkspaceAndHistory()
    {
        AzuriteServer azurite = await SharedAzurite.GetAsync();
        await using SentinelEmulator.SentinelEmulator emulator = await SentinelEmulator.SentinelEmulator.StartAsync(
            new SentinelEmulatorOptions { Port = 0, StateFile = Path.Combine(stateDirectory, "state.json") });
        ThreatFoxApiStub threatFox = new(RecentRemcosResponse());
        FunctionsApplicationBuilder builder = TestFunctionsApplication.CreateBuilder(await SettingsAsync(azurite, emulator)).ConfigureForTests();
        builder.Services.AddHttpClient<ThreatFoxClient>().ConfigurePrimaryHttpMessageHandler(() => threatFox);
        await using ServiceProvider provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        await using AsyncServiceScope scope = provider.CreateAsyncScope();
        SyncNowFunction syncNow = ActivatorUtilities.CreateInstance<SyncNowFunction>(scope.ServiceProvider);
        SyncRunsFunctions runs = ActivatorUtilities.CreateInstance<SyncRunsFunctions>(scope.ServiceProvider);

        HttpTestResponse first = await PostAsync(syncNow, """{"days": 2}""");
        HttpTestResponse second = await PostAsync(syncNow, """{"dryRun": true}""");
        IActionResult listed = await runs.ListAsync(HttpTestRequests.Get("/api/sync/runs"), new FakeFunctionContext());
        JsonElement history = (await HttpTestRequests.ExecuteAsync(listed)).Json.GetProperty("runs");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(200), first.Body);
            Assert.That(first.Json.GetProperty("outcome").GetString(), Is.EqualTo("succeeded"), first.Body);
            Assert.That(Total(first, "added"), Is.EqualTo(3), first.Body);
            Assert.That(second.StatusCode, Is.EqualTo(200), second.Body);
            Assert.That(second.Json.GetProperty("dryRun").GetBoolean(), Is.True);
            Assert.That(Total(second, "added") + Total(second, "updated") + Total(second, "removed"), Is.Zero, second.Body);
            Assert.That(threatFox.Requests, Has.Count.EqualTo(2));
            Assert.That(threatFox.Requests[0].Request.Headers.GetValues(ThreatFoxClient.AuthKeyHeader), Is.EqualTo(new[] { TestConfiguration.ThreatFoxKey }));
            Assert.That(threatFox.Requests[0].Body, Does.Contain("get_iocs"));
            Assert.That(history.GetArrayLength(), Is.EqualTo(2));
            Assert.That(history[0].GetProperty("runId").GetString(), Is.EqualTo(second.Json.GetProperty("runId").GetString()));
            Assert.That(history[1].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            Assert.That(history[1].GetProperty("days").GetInt32(), Is.EqualTo(2));
        });
    }

    private async Task<Dictionary<string, string?>> SettingsAsync(AzuriteServer azurite, SentinelEmulator.SentinelEmulator emulator)
    {
        string certificatePath = Path.Combine(stateDirectory, "emulator.pem");
        await File.WriteAllTextAsync(certificatePath, emulator.Certificate.ExportCertificatePem());
        EmulatorWorkspace workspace = EmulatorWorkspace.Default;

        Dictionary<string, string?> settings = TestConfiguration.ValidSettings(azurite.ConnectionString);
        settings["FeedSync:Sentinel:SubscriptionId"] = workspace.SubscriptionId;
        settings["FeedSync:Sentinel:ResourceGroup"] = workspace.ResourceGroup;
        settings["FeedSync:Sentinel:WorkspaceName"] = workspace.WorkspaceName;
        settings["FeedSync:Sentinel:WorkspaceId"] = workspace.CustomerId.ToString();
        settings["FeedSync:Sentinel:ArmEndpoint"] = emulator.BaseUri.ToString();
        settings["FeedSync:Sentinel:TrustedCertificatePath"] = certificatePath;
        settings["FeedSync:Sentinel:UseEmulator"] = "true";

        // The stub handler serves every query. A request that bypassed it would reach only a closed loopback port.
        settings["FeedSync:ThreatFox:BaseUrl"] = $"http://127.0.0.1:{LoopbackPorts.Free()}/api/v1/";
        settings["FeedSync:Functions:LeaseContainer"] = SharedAzurite.UniqueName("locks");
        settings["FeedSync:Functions:RunHistoryTable"] = SharedAzurite.UniqueName("runs");
        return settings;
    }

    /// <summary>The bundled Remcos API response, first seen yesterday so that no indicator is past its retention.</summary>
    private static string RecentRemcosResponse()
    {
        string sample = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "threatfox-remcos.json"));
        string yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return sample.Replace("2026-05-26", yesterday, StringComparison.Ordinal);
    }

    private static int Total(HttpTestResponse response, string counter) =>
        response.Json.GetProperty("watchlists").EnumerateArray().Sum(watchlist => watchlist.GetProperty(counter).GetInt32());

    private static async Task<HttpTestResponse> PostAsync(SyncNowFunction syncNow, string body)
    {
        IActionResult result = await syncNow.RunAsync(HttpTestRequests.Post("/api/sync", body), new FakeFunctionContext());
        return await HttpTestRequests.ExecuteAsync(result);
    }
}
