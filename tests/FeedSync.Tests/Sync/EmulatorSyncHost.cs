using FeedSync.Sentinel.Workspace;
using FeedSync.SentinelEmulator;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Sync;

/// <summary>
/// The sync composed as the command line composes it (ThreatFox ingestion, the Sentinel client, the sync) against
/// an emulator started in-process on a loopback port. The sync's clock is a <see cref="FakeTimeProvider"/>; the
/// client keeps the system clock for its backoff and polling. Emulator mode sends a placeholder token to loopback
/// only, so no credential is ever requested.
/// </summary>
internal sealed class EmulatorSyncHost : IAsyncDisposable
{
    private readonly string folder;
    private readonly ServiceProvider provider;

    private EmulatorSyncHost(SentinelEmulator.SentinelEmulator emulator, string folder, FakeTimeProvider clock, IDictionary<string, string?>? settings)
    {
        Emulator = emulator;
        Clock = clock;
        this.folder = folder;

        var certificatePath = Path.Combine(folder, "emulator.pem");
        File.WriteAllText(certificatePath, emulator.Certificate.ExportCertificatePem());
        var workspace = EmulatorWorkspace.Default;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FeedSync:Sentinel:SubscriptionId"] = workspace.SubscriptionId,
                ["FeedSync:Sentinel:ResourceGroup"] = workspace.ResourceGroup,
                ["FeedSync:Sentinel:WorkspaceName"] = workspace.WorkspaceName,
                ["FeedSync:Sentinel:WorkspaceId"] = workspace.CustomerId.ToString("D"),
                ["FeedSync:Sentinel:ArmEndpoint"] = emulator.BaseUri.ToString(),
                ["FeedSync:Sentinel:TrustedCertificatePath"] = certificatePath,
                ["FeedSync:Sentinel:UseEmulator"] = "true",
                ["FeedSync:Sentinel:MaxRetries"] = "2",
                ["FeedSync:Sentinel:RetryDelay"] = "00:00:00.050",
                ["FeedSync:Sentinel:MaxRetryDelay"] = "00:00:00.200",
                ["FeedSync:Sentinel:OperationPollInterval"] = "00:00:00.050",
                ["FeedSync:Sync:MaxWritesPerSecond"] = "0",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<SyncRunner>(provider, (TimeProvider)clock));
        services.AddFeedSyncIngestion(configuration);
        services.AddSentinelWorkspace(configuration);
        services.AddFeedSyncSync(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    }

    public SentinelEmulator.SentinelEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public ISentinelWorkspace Workspace => provider.GetRequiredService<ISentinelWorkspace>();

    /// <summary>Starts an emulator with in-memory state and composes the sync against it.</summary>
    public static async Task<EmulatorSyncHost> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null, bool throttling = true)
    {
        var folder = Directory.CreateTempSubdirectory("feedsync-sync-").FullName;
        var emulator = await SentinelEmulator.SentinelEmulator.StartAsync(new SentinelEmulatorOptions { ThrottlingEnabled = throttling });
        return new EmulatorSyncHost(emulator, folder, new FakeTimeProvider(now), settings);
    }

    /// <summary>Writes <paramref name="content"/> to a file in the host's temporary folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<SyncReport> RunAsync(SyncRequest request) => provider.GetRequiredService<ISyncRunner>().RunAsync(request);

    /// <summary>Reads every row of every managed watchlist through the ARM list API.</summary>
    public async Task<Dictionary<string, List<WatchlistRow>>> ReadAllAsync()
    {
        var content = new Dictionary<string, List<WatchlistRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in WatchlistLayout.Groups)
        {
            var alias = WatchlistAliases.For(group[0]);
            var rows = new List<WatchlistRow>();
            if (await Workspace.GetWatchlistAsync(alias) is not null)
            {
                await foreach (var row in Workspace.ListWatchlistRowsAsync(alias))
                {
                    rows.Add(row);
                }
            }

            content[alias] = rows;
        }

        return content;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
