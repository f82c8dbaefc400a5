using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using FeedSync.Functions.Timer;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Tests.Timer;

[TestFixture]
internal sealed class SyncTimerFunctionTests
{
    private CoordinatorFixture fixture = null!;
    private SyncTimerFunction function = null!;

    [SetUp]
    public void SetUp()
    {
        fixture = new CoordinatorFixture();
        function = new SyncTimerFunction(fixture.Coordinator, fixture.LoggerFactory.CreateLogger<SyncTimerFunction>());
    }

    [TearDown]
    public void TearDown() => fixture.Dispose();

    [Test]
    public async Task SyncTimer_Fires_RunsConfiguredSyncAsTimer()
    {
        await function.RunAsync(new TimerInfo(), new FakeFunctionContext());

        SyncRunRecord record = (await fixture.History.ListAsync(1)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.Trigger, Is.EqualTo(SyncRunTrigger.Timer));
            Assert.That(record.Status, Is.EqualTo(SyncRunStatus.Succeeded));
            Assert.That(fixture.Runner.Requests.Single().Days, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task SyncTimer_PastDue_LogsWarningAndRuns()
    {
        await function.RunAsync(new TimerInfo { IsPastDue = true }, new FakeFunctionContext());

        Assert.Multiple(() =>
        {
            Assert.That(fixture.Logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7300));
            Assert.That(fixture.Runner.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task SyncTimer_SyncRunning_SkipsWithoutError()
    {
        await fixture.Lock.TryAcquireAsync("20251204T200000000Z-0123abcd");

        await function.RunAsync(new TimerInfo(), new FakeFunctionContext());

        Assert.Multiple(() =>
        {
            Assert.That(fixture.Runner.Requests, Is.Empty);
            Assert.That(fixture.Logs.Entries.Single(entry => entry.EventId.Id == 7002).Message, Does.Contain("20251204T200000000Z-0123abcd"));
        });
    }

    [Test]
    public async Task SyncTimer_SyncThrows_FailsInvocationNamingRun()
    {
        fixture.Runner.Behaviour = (_, _) => throw new InvalidOperationException("watchlist create failed");

        SyncRunFailedException? exception = await Assert.ThrowsAsync<SyncRunFailedException>(
            () => function.RunAsync(new TimerInfo(), new FakeFunctionContext()));

        Assert.Multiple(() =>
        {
            Assert.That(exception?.RunId, Is.EqualTo(fixture.Runner.Requests.Single().RunId));
            Assert.That(exception?.Message, Does.Contain("watchlist create failed"));
        });
    }
}
