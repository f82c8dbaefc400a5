using FeedSync.Functions.Hosting;
using FeedSync.Functions.Locking;
using FeedSync.Functions.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Tests.Support;

/// <summary>A <see cref="SyncCoordinator"/> wired to fakes, with every log line captured.</summary>
internal sealed class CoordinatorFixture : IDisposable
{
    public CoordinatorFixture(ISyncLock? syncLock = null, IRunHistory? history = null, FunctionsOptions? options = null)
    {
        Options = options ?? ValidOptions();
        LoggerFactory = Logs.CreateFactory();
        Runner = new FakeSyncRunner(LoggerFactory.CreateLogger<FakeSyncRunner>());
        Lock = syncLock ?? new InMemorySyncLock();
        History = history ?? new InMemoryRunHistory();
        IOptions<FunctionsOptions> wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Coordinator = new SyncCoordinator(
            Lock, History, Runner, new SyncRequestFactory(wrapped), TimeProvider.System, wrapped,
            LoggerFactory.CreateLogger<SyncCoordinator>());
    }

    public FunctionsOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public FakeSyncRunner Runner { get; }

    public ISyncLock Lock { get; }

    public IRunHistory History { get; }

    public SyncCoordinator Coordinator { get; }

    public static FunctionsOptions ValidOptions() => new() { Schedule = "0 0 * * * *", Days = 2, Families = "win.remcos, win.asyncrat" };

    public void Dispose() => LoggerFactory.Dispose();
}
