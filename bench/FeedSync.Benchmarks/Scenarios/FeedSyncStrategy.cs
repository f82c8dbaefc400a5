using System.Collections.Concurrent;
using FeedSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// FeedSync's own sync, composed as the command line composes it and with every sync setting at its default: lists
/// the managed watchlists, plans the difference and applies only that (bulk uploads above ten additions, single
/// writes paced at five a second otherwise).
/// </summary>
internal sealed class FeedSyncStrategy : ISyncStrategy
{
    /// <summary>The sync's event id for one bulk upload request.</summary>
    private const int BulkUploadedEventId = 5008;

    private readonly ScenarioWorkspace workspace;
    private readonly ServiceProvider provider;
    private readonly SwitchableIndicatorFeed feed = new();
    private readonly EventCounter events = new();

    private FeedSyncStrategy(ScenarioWorkspace workspace)
    {
        this.workspace = workspace;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(events));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IIndicatorFeed>(feed);
        services.AddSingleton<Workspace.ISentinelWorkspace>(workspace.Workspace);
        services.AddFeedSyncSync(new ConfigurationBuilder().Build());
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Name => "FeedSync";

    public static async Task<FeedSyncStrategy> StartAsync(TimeSpan deleteDuration, CancellationToken cancellationToken) =>
        new(await ScenarioWorkspace.StartAsync(deleteDuration, cancellationToken));

    public async Task<RunResult> RunAsync(ScenarioFeed scenarioFeed, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        feed.Current = scenarioFeed;
        var bulkBefore = events.Count(BulkUploadedEventId);
        var before = workspace.Snapshot();

        var report = await provider.GetRequiredService<ISyncRunner>().RunAsync(new SyncRequest { Source = scenarioFeed.Name, AsOf = asOf }, cancellationToken);

        var cost = workspace.Snapshot().Since(before);
        var totals = report.Watchlists;
        var added = totals.Sum(watchlist => watchlist.Added);
        var updated = totals.Sum(watchlist => watchlist.Updated);
        var removed = totals.Sum(watchlist => watchlist.Removed) + totals.Sum(watchlist => watchlist.DuplicatesRemoved);
        var outcome = report.Outcome == SyncOutcome.Succeeded ? "Succeeded" : $"{report.Outcome}: {report.Reason}";
        return new RunResult(cost, report.Source.Indicators, added + updated, outcome)
        {
            Changes = added + updated + removed,
            BulkRequests = events.Count(BulkUploadedEventId) - bulkBefore,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await workspace.DisposeAsync();
    }

    /// <summary>Counts log events by id.</summary>
    private sealed class EventCounter : ILoggerProvider
    {
        private readonly ConcurrentDictionary<int, long> counts = new();

        public long Count(int eventId) => counts.GetValueOrDefault(eventId);

        public ILogger CreateLogger(string categoryName) => new CountingLogger(counts);

        public void Dispose()
        {
        }

        private sealed class CountingLogger(ConcurrentDictionary<int, long> counts) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                counts.AddOrUpdate(eventId.Id, 1, (_, count) => count + 1);
        }
    }
}
