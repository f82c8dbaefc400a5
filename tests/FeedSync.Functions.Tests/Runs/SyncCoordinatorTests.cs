using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using FeedSync.Sync;

namespace FeedSync.Functions.Tests.Runs;

[TestFixture]
internal sealed class SyncCoordinatorTests
{
    private CoordinatorFixture fixture = null!;

    private InMemorySyncLock Lock => (InMemorySyncLock)fixture.Lock;

    private InMemoryRunHistory History => (InMemoryRunHistory)fixture.History;

    [SetUp]
    public void SetUp() => fixture = new CoordinatorFixture();

    [TearDown]
    public void TearDown()
    {
        Lock.Dispose();
        fixture.Dispose();
    }

    [Test]
    public async Task Run_Succeeded_RecordsRunningThenSucceeded()
    {
        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        SyncRunRecord record = ((SyncRunResult.Completed)result).Record;
        Assert.Multiple(() =>
        {
            Assert.That(History.Saves.Select(save => save.Status), Is.EqualTo(new[] { SyncRunStatus.Running, SyncRunStatus.Succeeded }));
            Assert.That(History.Saves.Select(save => save.RunId).Distinct().Single(), Is.EqualTo(record.RunId));
            Assert.That(record.Trigger, Is.EqualTo(SyncRunTrigger.Timer));
            Assert.That(record.Report?.RunId, Is.EqualTo(record.RunId));
            Assert.That(record.CompletedAt, Is.Not.Null);
            Assert.That(record.Days, Is.EqualTo(2));
            Assert.That(Lock.Releases, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Run_EveryLogLine_CarriesRunId()
    {
        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Http, SyncOverrides.None);

        string runId = ((SyncRunResult.Completed)result).Record.RunId;
        IReadOnlyList<LogEntry> entries = fixture.Logs.Entries;
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(entry => entry.Category), Does.Contain(typeof(FakeSyncRunner).FullName));
            Assert.That(entries.Select(entry => entry.EventId.Id), Does.Contain(7000));
            Assert.That(entries.Select(entry => entry.EventId.Id), Does.Contain(7001));
            Assert.That(entries.Select(entry => entry.Scope.GetValueOrDefault("RunId")), Has.All.EqualTo(runId));
            Assert.That(entries.Select(entry => entry.Scope.GetValueOrDefault("SyncTrigger")), Has.All.EqualTo("http"));
        });
    }

    [Test]
    public async Task Run_Stopped_RecordsStoppedWithReason()
    {
        fixture.Runner.Behaviour = (request, _) => Task.FromResult(Reports.Stopped(request.RunId));

        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        SyncRunRecord record = ((SyncRunResult.Completed)result).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Status, Is.EqualTo(SyncRunStatus.Stopped));
            Assert.That(record.Report?.Reason, Does.Contain("safety threshold"));
            Assert.That(record.Error, Is.Null);
        });
    }

    [Test]
    public async Task Run_ReportFailed_RecordsFailedWithReason()
    {
        fixture.Runner.Behaviour = (request, _) => Task.FromResult(Reports.Succeeded(request.RunId) with
        {
            Outcome = SyncOutcome.Failed,
            Reason = "The ThreatFox feed answered 503.",
        });

        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        SyncRunRecord record = ((SyncRunResult.Completed)result).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(record.Error, Is.EqualTo("The ThreatFox feed answered 503."));
        });
    }

    [Test]
    public async Task Run_RunnerThrows_RecordsFailureAndReleasesLock()
    {
        fixture.Runner.Behaviour = (_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)");

        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        SyncRunRecord record = ((SyncRunResult.Failed)result).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(record.Error, Is.EqualTo("HttpRequestException: Connection refused (127.0.0.1:9)"));
            Assert.That(History.Saves[^1].Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(Lock.HolderRunId, Is.Null);
            Assert.That(fixture.Logs.Entries.Single(entry => entry.EventId.Id == 7003).Exception, Is.InstanceOf<HttpRequestException>());
        });
    }

    [Test]
    public async Task Run_TimeoutInsideSync_RecordsFailure()
    {
        fixture.Runner.Behaviour = (_, _) => throw new TaskCanceledException("The request timed out after 100 s.");

        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        Assert.That(((SyncRunResult.Failed)result).Record.Status, Is.EqualTo(SyncRunStatus.Failed));
    }

    [Test]
    public async Task Run_HostCancels_RecordsAndRethrows()
    {
        fixture.Runner.WaitForCancellation();
        using CancellationTokenSource host = new();
        Task<SyncRunResult> run = fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None, host.Token);
        await fixture.Runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await host.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.Multiple(() =>
        {
            Assert.That(History.Saves[^1].Status, Is.EqualTo(SyncRunStatus.Canceled));
            Assert.That(History.Saves[^1].Error, Does.Contain("host stopped"));
            Assert.That(Lock.HolderRunId, Is.Null);
        });
    }

    [Test]
    public async Task Run_LockLost_CancelsSyncAndReportsFailure()
    {
        fixture.Runner.WaitForCancellation();
        Task<SyncRunResult> run = fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);
        await fixture.Runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Lock.LoseLock();
        SyncRunResult result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        SyncRunRecord record = ((SyncRunResult.Failed)result).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.Status, Is.EqualTo(SyncRunStatus.Canceled));
            Assert.That(record.Error, Does.Contain("lost its sync lease"));
            Assert.That(fixture.Logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7005));
        });
    }

    [Test]
    public async Task Run_LockHeld_ReturnsHolderWithoutRunning()
    {
        await Lock.TryAcquireAsync("20251204T200000000Z-0123abcd");

        SyncRunResult result = await fixture.Coordinator.RunAsync(SyncRunTrigger.Timer, SyncOverrides.None);

        Assert.Multiple(() =>
        {
            Assert.That(((SyncRunResult.AlreadyRunning)result).RunningRunId, Is.EqualTo("20251204T200000000Z-0123abcd"));
            Assert.That(fixture.Runner.Requests, Is.Empty);
            Assert.That(History.Saves, Is.Empty);
        });
    }

    [Test]
    public async Task Run_Overrides_ReplaceConfiguredValues()
    {
        SyncOverrides overrides = new(Families: ["win.lumma"], Days: 5, DryRun: true);

        await fixture.Coordinator.RunAsync(SyncRunTrigger.Http, overrides);

        SyncRequest request = fixture.Runner.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Filter.Families, Is.EqualTo(overrides.Families));
            Assert.That(request.Days, Is.EqualTo(5));
            Assert.That(request.DryRun, Is.True);
            Assert.That(History.Saves[0].Families, Is.EqualTo(overrides.Families));
        });
    }
}
