using System.Diagnostics;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Tests.Support;
using FeedSync.Tests.Sync;
using FeedSync.Watchlists;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// Two syncs of the same watchlists started together: exactly one runs, and the other changes nothing and reports
/// which run holds the lock. Covers runs in one process and a <c>feedsync sync</c> process against a lock that
/// another process holds.
/// </summary>
[TestFixture]
[Category("Reliability")]
[NonParallelizable]
internal sealed class ConcurrentSyncTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ReliabilityEmulator harness = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => harness = await ReliabilityEmulator.StartAsync();

    [OneTimeTearDown]
    public async Task StopEmulatorAsync() => await harness.DisposeAsync();

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("feedsync-lock-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task TwoSyncs_StartedTogether_OneRuns()
    {
        // Arrange
        var feed = new GateFeed(TestIndicators.ManyIps(12, AsOf - TimeSpan.FromDays(1)));
        var settings = Settings("Together");
        using var first = harness.CreateSync(feed, harness.CreateClient(), settings);
        using var second = harness.CreateSync(feed, harness.CreateClient(), settings);
        var lockFile = Path.Combine(folder, "sync.lock");
        var runners = new[] { Guard(first.Runner, lockFile), Guard(second.Runner, lockFile) };
        var writesBefore = harness.Emulator.Statistics.Writes;

        // Act
        var runs = runners.Select((runner, index) => Task.Run(() => runner.RunAsync(Request($"run-{index}")))).ToArray();
        var early = await Task.WhenAny(runs).WaitAsync(Patience);
        await feed.Entered.WaitAsync(Patience);
        feed.Release();
        var reports = await Task.WhenAll(runs).WaitAsync(Patience);
        var contents = await harness.ReadWatchlistsAsync("Together");

        // Assert
        var winner = reports.Single(report => report.Outcome == SyncOutcome.Succeeded);
        var loser = reports.Single(report => report.Outcome == SyncOutcome.Stopped);
        Assert.That(early.Result, Is.SameAs(loser), "The rejected run should return while the other still runs.");
        Assert.That(loser.Reason, Does.Contain("Another sync of these watchlists is already running"));
        Assert.That(loser.Reason, Does.Contain($"run {winner.RunId}"));
        Assert.That(loser.Reason, Does.Contain(lockFile));
        Assert.That(loser.Arm, Is.EqualTo(new ArmCallSummary(0, 0, 0, 0, 0)));
        Assert.That(feed.Reads, Is.EqualTo(1));
        Assert.That(contents[WatchlistAliases.For(IndicatorKind.Ip, "Together")], Has.Count.EqualTo(12));
        Assert.That(harness.Emulator.Statistics.Writes - writesBefore, Is.EqualTo(winner.Arm.Writes));
    }

    [Test]
    public async Task RunLock_AfterRun_IsReleased()
    {
        // Arrange
        var feed = new GateFeed(TestIndicators.ManyIps(3, AsOf - TimeSpan.FromDays(1)));
        feed.Release();
        using var stack = harness.CreateSync(feed, harness.CreateClient(), Settings("Sequential"));
        var runner = Guard(stack.Runner, Path.Combine(folder, "sync.lock"));

        // Act
        var first = await runner.RunAsync(Request("first"));
        var second = await runner.RunAsync(Request("second"));

        // Assert
        Assert.That(first.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(second.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(feed.Reads, Is.EqualTo(2));
    }

    [Test]
    public async Task RunLock_AfterException_IsReleased()
    {
        // Arrange
        var lockFile = Path.Combine(folder, "sync.lock");
        var failing = Guard(new ThrowingRunner(), lockFile);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RunAsync(Request("failing")));
        var (held, holder) = SyncRunLock.TryAcquire(lockFile, new SyncRunHolder("after", Environment.ProcessId, "test", AsOf));
        using var release = held;

        // Assert
        Assert.That(held, Is.Not.Null);
        Assert.That(holder, Is.Null);
    }

    [Test]
    public async Task DryRun_WhileLocked_StillPlans()
    {
        // Arrange
        var feed = new GateFeed(TestIndicators.ManyIps(3, AsOf - TimeSpan.FromDays(1)));
        feed.Release();
        using var stack = harness.CreateSync(feed, harness.CreateClient(), Settings("DryRun"));
        var lockFile = Path.Combine(folder, "sync.lock");
        var (held, _) = SyncRunLock.TryAcquire(lockFile, new SyncRunHolder("holder", Environment.ProcessId, "test", AsOf));
        using var release = held;

        // Act
        var report = await Guard(stack.Runner, lockFile).RunAsync(Request("plan") with { DryRun = true });

        // Assert
        Assert.That(report.Outcome, Is.EqualTo(SyncOutcome.Succeeded));
        Assert.That(report.Watchlists.Sum(watchlist => watchlist.Added), Is.EqualTo(3));
    }

    [Test]
    public async Task CliSync_LockHeldElsewhere_ExitsWithReason()
    {
        // Arrange
        var source = SharedData.Require("data/threatfox/export-json-recent-2026-07-24T1404Z.json");
        var lockFile = Path.Combine(folder, ".feedsync", "sync.lock");
        var (held, _) = SyncRunLock.TryAcquire(lockFile, new SyncRunHolder("held-by-test", Environment.ProcessId, Environment.MachineName, AsOf));
        using var release = held;

        // Act
        var (exitCode, output) = await RunFeedSyncAsync(folder, "sync", "--target", "local", "--source", source, "--as-of", "2026-07-24T14:04:00Z");
        var emulatorState = Path.Combine(folder, ".feedsync", "emulator-state.json");

        // Assert
        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Another sync of these watchlists is already running"));
        Assert.That(output, Does.Contain("run held-by-test"));
        Assert.That(File.Exists(emulatorState) ? File.ReadAllText(emulatorState) : string.Empty, Does.Not.Contain("ThreatFox-IP"));
    }

    private static ExclusiveSyncRunner Guard(ISyncRunner runner, string lockFile) =>
        new(runner, lockFile, TimeProvider.System, NullLogger<ExclusiveSyncRunner>.Instance);

    private static Dictionary<string, string?> Settings(string aliasPrefix) => new()
    {
        ["FeedSync:Sync:AliasPrefix"] = aliasPrefix,
    };

    private static SyncRequest Request(string runId) => new() { Source = "gate", AsOf = AsOf, RunId = runId };

    /// <summary>Runs the <c>feedsync</c> assembly beside the tests in its own process, for at most two minutes.</summary>
    private static async Task<(int ExitCode, string Output)> RunFeedSyncAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "feedsync.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the child away from any real workspace settings of the machine.
        foreach (var variable in start.Environment.Keys.Where(key => key.StartsWith("FeedSync__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>A feed that holds every read until released, and counts the reads.</summary>
    private sealed class GateFeed(IReadOnlyList<Indicator> indicators) : IIndicatorFeed
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int reads;

        public Task Entered => entered.Task;

        public int Reads => Volatile.Read(ref reads);

        public void Release() => released.TrySetResult();

        public async Task<FeedBatch> ReadAsync(SyncRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            entered.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
            return new FeedBatch(indicators.Count, indicators.Count, 0, indicators);
        }
    }

    private sealed class ThrowingRunner : ISyncRunner
    {
        public Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The run failed.");
    }
}
