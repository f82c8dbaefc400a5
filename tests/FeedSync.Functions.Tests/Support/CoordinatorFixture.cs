using FeedSync.Functions.Hosting;
using FeedSync.Functions.Locking;
using FeedSync.Functions.Runs;
using FeedSync.Normalisation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Tests.Support;

/// <summary>A <see cref="SyncCoordinator"/> wired to fakes, with every log line captured.</summary>
internal sealed class CoordinatorFixture : IDisposable
{
    public CoordinatorFixture(ISyncLock? syncLock = null, IRunHistory? history = null)
    {
        Options = new FunctionsOptions { Schedule = "0 0 * * * *" };
        Ingestion = new IngestionOptions { Days = 2, Families = ["win.remcos", " ", "win.asyncrat"], MinConfidence = 50 };
        LoggerFactory = Logs.CreateFactory();
        Runner = new FakeSyncRunner(LoggerFactory.CreateLogger<FakeSyncRunner>());
        Lock = syncLock ?? new InMemorySyncLock();
        History = history ?? new InMemoryRunHistory();
        IOptions<FunctionsOptions> wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        SyncRequestFactory requests = new(Microsoft.Extensions.Options.Options.Create(Ingestion), wrapped);
        Coordinator = new SyncCoordinator(Lock, History, Runner, requests, TimeProvider.System, wrapped, LoggerFactory.CreateLogger<SyncCoordinator>());
    }

    public FunctionsOptions Options { get; }

    /// <summary>The ingestion settings that the runs' days and filter come from.</summary>
    public IngestionOptions Ingestion { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public FakeSyncRunner Runner { get; }

    public ISyncLock Lock { get; }

    public IRunHistory History { get; }

    public SyncCoordinator Coordinator { get; }

    public void Dispose() => LoggerFactory.Dispose();
}
