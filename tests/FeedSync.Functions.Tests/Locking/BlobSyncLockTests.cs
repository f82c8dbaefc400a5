using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FeedSync.Functions.Locking;
using FeedSync.Functions.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Functions.Tests.Locking;

/// <summary>The blob-lease sync lock against Azurite.</summary>
[TestFixture]
internal sealed class BlobSyncLockTests
{
    private static readonly TimeSpan StepWait = TimeSpan.FromMilliseconds(100);
    // The shortest lease Blob storage allows, so that the fake clock needs few steps.
    private static readonly BlobSyncLockSettings Settings = new("sync.lock", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5))
    {
        MaxRenewalRetryDelay = TimeSpan.FromSeconds(2),
    };

    private BlobContainerClient container = null!;
    private FakeTimeProvider time = null!;
    private CapturingLoggerProvider logs = null!;
    private ILoggerFactory loggerFactory = null!;
    private List<ScriptedLeaseClient> leaseClients = null!;

    [SetUp]
    public async Task SetUp()
    {
        AzuriteServer azurite = await SharedAzurite.GetAsync();
        container = new BlobContainerClient(azurite.ConnectionString, SharedAzurite.UniqueName("locks"));
        time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 4, 20, 0, 0, TimeSpan.Zero));
        logs = new CapturingLoggerProvider();
        loggerFactory = logs.CreateFactory();
        leaseClients = [];
    }

    [TearDown]
    public void TearDown()
    {
        loggerFactory.Dispose();
        logs.Dispose();
    }

    [Test]
    public async Task TryAcquire_NoBlob_CreatesAndRecordsHolder()
    {
        BlobSyncLock syncLock = CreateLock();

        SyncLockAcquisition acquisition = await syncLock.TryAcquireAsync("20251204T200000000Z-00000001");
        await using ISyncLockHandle handle = acquisition.Handle!;

        BlobProperties properties = await LeaseBlob.GetPropertiesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(acquisition.Acquired, Is.True);
            Assert.That(properties.LeaseState, Is.EqualTo(LeaseState.Leased));
            Assert.That(properties.LeaseDuration, Is.EqualTo(LeaseDurationType.Fixed));
            Assert.That(properties.Metadata[BlobSyncLock.HolderMetadataKey], Is.EqualTo("20251204T200000000Z-00000001"));
        });
    }

    [Test]
    public async Task TryAcquire_Held_ReturnsHolderRunId()
    {
        BlobSyncLock first = CreateLock();
        BlobSyncLock second = CreateLock();
        await using ISyncLockHandle firstHandle = (await first.TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;

        SyncLockAcquisition rejected = await second.TryAcquireAsync("20251204T200100000Z-00000002");

        Assert.Multiple(() =>
        {
            Assert.That(rejected.Acquired, Is.False);
            Assert.That(rejected.HolderRunId, Is.EqualTo("20251204T200000000Z-00000001"));
        });
    }

    [Test]
    public async Task Dispose_ReleasesLeaseAndClearsHolder()
    {
        BlobSyncLock syncLock = CreateLock();
        ISyncLockHandle handle = (await syncLock.TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;

        await handle.DisposeAsync();

        BlobProperties properties = await LeaseBlob.GetPropertiesAsync();
        SyncLockAcquisition next = await CreateLock().TryAcquireAsync("20251204T200100000Z-00000002");
        await using ISyncLockHandle nextHandle = next.Handle!;
        Assert.Multiple(() =>
        {
            Assert.That(properties.LeaseState, Is.EqualTo(LeaseState.Available));
            Assert.That(properties.Metadata.ContainsKey(BlobSyncLock.HolderMetadataKey), Is.False);
            Assert.That(next.Acquired, Is.True);
            Assert.That(logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7104));
        });
    }

    [Test]
    public async Task Holding_RenewsEveryInterval()
    {
        await using ISyncLockHandle handle = (await CreateLock().TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;
        ScriptedLeaseClient lease = leaseClients.Single();

        for (int renewal = 1; renewal <= 3; renewal++)
        {
            await AdvanceUntilAsync(() => lease.Renewals == renewal);
        }

        BlobProperties properties = await LeaseBlob.GetPropertiesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(lease.Renewals, Is.EqualTo(3));
            Assert.That(properties.LeaseState, Is.EqualTo(LeaseState.Leased));
            Assert.That(handle.LockLost.IsCancellationRequested, Is.False);
        });
    }

    [Test]
    public async Task Holding_OneFailedRenewal_RetriesAndKeepsLock()
    {
        await using ISyncLockHandle handle = (await CreateLock().TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;
        ScriptedLeaseClient lease = leaseClients.Single();
        lease.FailNextRenewals(1);

        TimeSpan firstRenewal = await AdvanceUntilAsync(() => lease.Renewals == 1);
        TimeSpan retry = await AdvanceUntilAsync(() => lease.Renewals == 2);

        Assert.Multiple(() =>
        {
            Assert.That(firstRenewal, Is.EqualTo(Settings.RenewalInterval));
            Assert.That(retry, Is.EqualTo(Settings.MaxRenewalRetryDelay));
            Assert.That(handle.LockLost.IsCancellationRequested, Is.False);
            Assert.That(logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7102));
        });
    }

    [Test]
    public async Task Holding_RenewalsFailUntilExpiry_SignalsLockLost()
    {
        await using ISyncLockHandle handle = (await CreateLock().TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;
        ScriptedLeaseClient lease = leaseClients.Single();
        lease.FailNextRenewals(int.MaxValue);

        TimeSpan untilLost = await AdvanceUntilAsync(() => handle.LockLost.IsCancellationRequested);

        Assert.Multiple(() =>
        {
            Assert.That(untilLost, Is.LessThan(Settings.LeaseDuration));
            Assert.That(lease.Renewals, Is.GreaterThan(1));
            Assert.That(logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7103));
        });
    }

    [Test]
    public async Task Holding_LeaseTakenOver_SignalsLockLost()
    {
        await using ISyncLockHandle handle = (await CreateLock().TryAcquireAsync("20251204T200000000Z-00000001")).Handle!;
        BlobLeaseClient intruder = LeaseBlob.GetBlobLeaseClient();
        await intruder.BreakAsync(TimeSpan.Zero);
        await intruder.AcquireAsync(TimeSpan.FromSeconds(15));

        TimeSpan untilLost = await AdvanceUntilAsync(() => handle.LockLost.IsCancellationRequested);

        Assert.Multiple(() =>
        {
            Assert.That(untilLost, Is.EqualTo(Settings.RenewalInterval));
            Assert.That(logs.Entries.Select(entry => entry.EventId.Id), Does.Contain(7103));
        });
    }

    private BlobClient LeaseBlob => container.GetBlobClient(Settings.BlobName);

    private BlobSyncLock CreateLock() =>
        new(container, Settings, time, loggerFactory.CreateLogger<BlobSyncLock>(), (blob, leaseId) =>
        {
            ScriptedLeaseClient client = new(blob.GetBlobLeaseClient(leaseId));
            leaseClients.Add(client);
            return client;
        });

    /// <summary>
    /// Advances the fake clock one second at a time, giving the renewal loop real time to call Azurite after
    /// each step, until the condition holds. Returns the fake time that passed.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition)
    {
        TimeSpan advanced = TimeSpan.Zero;
        while (!await HoldsWithinAsync(condition, StepWait))
        {
            Assert.That(advanced, Is.LessThan(TimeSpan.FromMinutes(2)), "The condition did not hold within 2 fake minutes.");
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        return advanced;
    }

    private static async Task<bool> HoldsWithinAsync(Func<bool> condition, TimeSpan wait)
    {
        DateTime deadline = DateTime.UtcNow + wait;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }
}
