using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FeedSync.Functions.Http;
using FeedSync.Functions.Locking;
using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using FeedSync.Functions.Timer;
using FeedSync.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Functions.Tests.Runs;

/// <summary>
/// The one-sync-at-a-time rule with the real blob lease and run history on Azurite, across two app
/// instances and both triggers.
/// </summary>
[TestFixture]
internal sealed class SyncOverlapTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly BlobSyncLockSettings LockSettings = new("sync.lock", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));

    private BlobContainerClient container = null!;
    private string tableName = null!;
    private string connectionString = null!;
    private List<CoordinatorFixture> instances = null!;

    [SetUp]
    public async Task SetUp()
    {
        AzuriteServer azurite = await SharedAzurite.GetAsync();
        connectionString = azurite.ConnectionString;
        container = new BlobContainerClient(connectionString, SharedAzurite.UniqueName("locks"));
        tableName = SharedAzurite.UniqueName("runs");
        instances = [];
    }

    [TearDown]
    public void TearDown()
    {
        foreach (CoordinatorFixture instance in instances)
        {
            instance.Dispose();
        }
    }

    [Test]
    public async Task TwoInstances_SecondRunGetsFirstRunId()
    {
        CoordinatorFixture first = StartInstance();
        CoordinatorFixture second = StartInstance();
        TaskCompletionSource release = new();
        first.Runner.BlockUntil(release.Task);

        Task<SyncRunResult> firstRun = first.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);
        SyncRequest running = await first.Runner.Started.Task.WaitAsync(Wait);
        SyncRunResult secondRun = await second.Coordinator.RunAsync(SyncRunTrigger.Http, SyncOverrides.None);
        SyncRunRecord? recordWhileRunning = await first.History.GetAsync(running.RunId);
        release.SetResult();
        SyncRunResult firstResult = await firstRun.WaitAsync(Wait);

        Assert.Multiple(() =>
        {
            Assert.That(((SyncRunResult.AlreadyRunning)secondRun).RunningRunId, Is.EqualTo(running.RunId));
            Assert.That(second.Runner.Requests, Is.Empty);
            Assert.That(recordWhileRunning?.Status, Is.EqualTo(SyncRunStatus.Running));
            Assert.That(firstResult, Is.InstanceOf<SyncRunResult.Completed>());
        });
    }

    [Test]
    public async Task FinishedRun_FreesLeaseForOtherInstance()
    {
        CoordinatorFixture first = StartInstance();
        CoordinatorFixture second = StartInstance();

        await first.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);
        SyncRunResult next = await second.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        IReadOnlyList<SyncRunRecord> runs = await second.History.ListAsync(10);
        Assert.Multiple(() =>
        {
            Assert.That(next, Is.InstanceOf<SyncRunResult.Completed>());
            Assert.That(runs.Select(run => run.Status), Is.EqualTo(new[] { SyncRunStatus.Succeeded, SyncRunStatus.Succeeded }));
        });
    }

    [Test]
    public async Task RunnerThrows_LeaseReleasedAndFailureRecorded()
    {
        CoordinatorFixture instance = StartInstance();
        instance.Runner.Behaviour = (_, _) => throw new InvalidOperationException("ThreatFox answered unknown_auth_key.");

        SyncRunResult result = await instance.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        string runId = ((SyncRunResult.Failed)result).Record.RunId;
        Assert.Multiple(async () =>
        {
            Assert.That((await LeaseBlob.GetPropertiesAsync()).Value.LeaseState, Is.EqualTo(LeaseState.Available));
            Assert.That((await instance.History.GetAsync(runId))?.Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(await StartInstance().Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None), Is.InstanceOf<SyncRunResult.Completed>());
        });
    }

    [Test]
    public async Task HostCancels_LeaseReleasedAndCancellationRecorded()
    {
        CoordinatorFixture instance = StartInstance();
        instance.Runner.WaitForCancellation();
        using CancellationTokenSource host = new();

        Task<SyncRunResult> run = instance.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None, host.Token);
        SyncRequest request = await instance.Runner.Started.Task.WaitAsync(Wait);
        await host.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.Multiple(async () =>
        {
            Assert.That((await LeaseBlob.GetPropertiesAsync()).Value.LeaseState, Is.EqualTo(LeaseState.Available));
            Assert.That((await instance.History.GetAsync(request.RunId))?.Status, Is.EqualTo(SyncRunStatus.Canceled));
        });
    }

    [Test]
    public async Task HttpWhileTimerRuns_Returns409NamingTimerRun()
    {
        CoordinatorFixture timerInstance = StartInstance();
        CoordinatorFixture httpInstance = StartInstance();
        SyncTimerFunction timer = new(timerInstance.Coordinator, timerInstance.LoggerFactory.CreateLogger<SyncTimerFunction>());
        SyncNowFunction syncNow = new(httpInstance.Coordinator, httpInstance.LoggerFactory.CreateLogger<SyncNowFunction>());
        TaskCompletionSource release = new();
        timerInstance.Runner.BlockUntil(release.Task);

        Task timerRun = timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), new FakeFunctionContext());
        SyncRequest running = await timerInstance.Runner.Started.Task.WaitAsync(Wait);
        IActionResult result = await syncNow.RunAsync(HttpTestRequests.Post("/api/sync", """{"dryRun": true}"""), new FakeFunctionContext());
        HttpTestResponse response = await HttpTestRequests.ExecuteAsync(result);
        release.SetResult();
        await timerRun.WaitAsync(Wait);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(409));
            Assert.That(response.Json.GetProperty("runId").GetString(), Is.EqualTo(running.RunId));
            Assert.That(httpInstance.Runner.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task CrashedRun_MarkedAbandonedByNextRun()
    {
        CoordinatorFixture instance = StartInstance();
        DateTimeOffset crashedAt = DateTimeOffset.UtcNow.AddHours(-1);
        SyncRunRecord crashed = new()
        {
            RunId = SyncRunIds.Create(crashedAt),
            Trigger = SyncRunTrigger.Timer,
            Status = SyncRunStatus.Running,
            StartedAt = crashedAt,
            Days = 1,
            Families = [],
            DryRun = false,
        };
        await instance.History.SaveAsync(crashed);

        await instance.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        Assert.That((await instance.History.GetAsync(crashed.RunId))?.Status, Is.EqualTo(SyncRunStatus.Abandoned));
    }

    private BlobClient LeaseBlob => container.GetBlobClient(LockSettings.BlobName);

    /// <summary>Starts one app instance: its own lock and history clients on the shared storage.</summary>
    private CoordinatorFixture StartInstance()
    {
        BlobSyncLock syncLock = new(
            new BlobContainerClient(connectionString, container.Name), LockSettings, TimeProvider.System, NullLogger<BlobSyncLock>.Instance);
        TableRunHistory history = new(new TableClient(connectionString, tableName), NullLogger<TableRunHistory>.Instance);
        CoordinatorFixture instance = new(syncLock, history);
        instances.Add(instance);
        return instance;
    }
}
