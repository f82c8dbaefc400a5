using FeedSync.Hunting;
using FeedSync.Sync;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Sync;

/// <summary>Composes the sync as a host does, over a test feed and workspace, with a fixed clock.</summary>
internal sealed class SyncHarness : IDisposable
{
    private readonly ServiceProvider provider;

    public SyncHarness(IIndicatorFeed feed, ISentinelWorkspace workspace, DateTimeOffset now, IDictionary<string, string?>? settings = null, bool withHunting = false)
    {
        Clock = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(feed);
        services.AddSingleton(workspace);
        services.AddFeedSyncSync(configuration);
        if (withHunting)
        {
            services.AddSingleton<IConfiguration>(configuration);
            services.AddFeedSyncHunting();
        }

        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    public SyncRunner Runner => provider.GetRequiredService<SyncRunner>();

    public Task<SyncReport> RunAsync(SyncRequest? request = null) => Runner.RunAsync(request ?? new SyncRequest { Source = "test" });

    public void Dispose() => provider.Dispose();
}
