using Azure.Core.Pipeline;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Pipeline;
using FeedSync.Sentinel.Workspace;
using FeedSync.SentinelEmulator;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using EmulatorHost = global::FeedSync.SentinelEmulator.SentinelEmulator;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// One in-process emulator on loopback for a whole fixture, and the clients and sync stacks that run against it.
/// Fixtures keep their runs apart with a distinct watchlist alias prefix per run instead of restarting the emulator.
/// </summary>
/// <remarks>
/// ARM's token buckets are off: their refill runs on real time, which the compressed client clock would outrun.
/// Throttling comes from <see cref="EmulatorFaultOptions.ThrottleRate"/> instead.
/// </remarks>
internal sealed class ReliabilityEmulator : IAsyncDisposable
{
    /// <summary>How much faster than real time the clients' and the sync's timers run.</summary>
    public const int TimeFactor = 50;

    /// <summary>How long a watchlist delete stays in progress.</summary>
    public static readonly TimeSpan DeleteDuration = TimeSpan.FromMilliseconds(300);

    private ReliabilityEmulator(EmulatorHost emulator)
    {
        Emulator = emulator;
    }

    public EmulatorHost Emulator { get; }

    /// <summary>The clock of every client and sync this harness builds.</summary>
    public CompressedTimeProvider Clock { get; } = new(TimeFactor);

    /// <summary>The response loss that every client built with <c>withResponseLoss</c> shares.</summary>
    public ResponseLossHandler ResponseLoss { get; private set; } = null!;

    public static SentinelWorkspaceResourceId Workspace { get; } = new(
        EmulatorWorkspace.Default.SubscriptionId, EmulatorWorkspace.Default.ResourceGroup, EmulatorWorkspace.Default.WorkspaceName);

    public static async Task<ReliabilityEmulator> StartAsync()
    {
        var emulator = await EmulatorHost.StartAsync(new SentinelEmulatorOptions
        {
            ThrottlingEnabled = false,
            DeleteDuration = DeleteDuration,
            IncludeBuiltInSavedSearches = false,
        });
        var harness = new ReliabilityEmulator(emulator);
        harness.ResponseLoss = new ResponseLossHandler(harness.CreateTrustingHandler());
        return harness;
    }

    /// <summary>Turns every fault off: the emulator's and the response loss.</summary>
    public void ClearFaults()
    {
        var faults = Emulator.Faults;
        faults.ThrottleRate = 0;
        faults.ServerErrorRate = 0;
        faults.AddedLatency = TimeSpan.Zero;
        faults.DropConnectionAfterWrites = null;
        ResponseLoss.LossRate = 0;
    }

    /// <summary>
    /// Creates a client with short backoff on the compressed clock. With <paramref name="withResponseLoss"/> its
    /// requests pass through <see cref="ResponseLoss"/>; otherwise it talks to the emulator directly.
    /// </summary>
    public SentinelClient CreateClient(int maxRetries = 4, bool withResponseLoss = false)
    {
        var options = new SentinelClientOptions
        {
            ArmEndpoint = Emulator.BaseUri,
            LogAnalyticsEndpoint = Emulator.BaseUri,
            OperationPollInterval = TimeSpan.FromMilliseconds(100),
            OperationTimeout = TimeSpan.FromSeconds(30 * TimeFactor),
            TimeProvider = Clock,
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);

        // Shortened by the clock's factor to about 20 seconds of real time per attempt.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20 * TimeFactor);

        // The transport is set here, so the client does not install its own trusting handler. Clients are never
        // disposed, so the shared response loss handler outlives them all.
        options.Transport = new HttpClientTransport(withResponseLoss ? ResponseLoss : CreateTrustingHandler());
        return new SentinelClient(Workspace, new EmulatorTokenCredential(Clock), options);
    }

    /// <summary>Composes the sync as a host does, over <paramref name="feed"/> and <paramref name="client"/>.</summary>
    public SyncStack CreateSync(IIndicatorFeed feed, SentinelClient client, IDictionary<string, string?> settings) =>
        new(feed, new SentinelWorkspace(client), Clock, settings);

    /// <summary>Reads every row of the four watchlists with <paramref name="aliasPrefix"/>, with a client that sees no faults.</summary>
    public async Task<Dictionary<string, List<WatchlistRow>>> ReadWatchlistsAsync(string aliasPrefix, CancellationToken cancellationToken = default)
    {
        var workspace = new SentinelWorkspace(CreateClient());
        var contents = new Dictionary<string, List<WatchlistRow>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in WatchlistLayout.Groups)
        {
            var alias = WatchlistAliases.For(group[0], aliasPrefix);
            var rows = new List<WatchlistRow>();
            if (await workspace.GetWatchlistAsync(alias, cancellationToken) is not null)
            {
                await foreach (var row in workspace.ListWatchlistRowsAsync(alias, cancellationToken))
                {
                    rows.Add(row);
                }
            }

            contents[alias] = rows;
        }

        return contents;
    }

    /// <summary>Waits until no watchlist of <paramref name="aliasPrefix"/> is being deleted, for at most ten delete durations.</summary>
    public async Task WaitForDeletesAsync(string aliasPrefix, CancellationToken cancellationToken = default)
    {
        var watchlists = CreateClient().GetWatchlistClient();
        var deadline = DateTimeOffset.UtcNow + (DeleteDuration * 10);
        foreach (var group in WatchlistLayout.Groups)
        {
            var alias = WatchlistAliases.For(group[0], aliasPrefix);
            while ((await watchlists.GetWatchlistIfExistsAsync(alias, cancellationToken))?.IsBeingDeleted == true)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    Assert.Fail($"Watchlist {alias} was still being deleted after {DeleteDuration * 10}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ResponseLoss.Dispose();
        await Emulator.DisposeAsync();
    }

    private HttpClientHandler CreateTrustingHandler() =>
        new TrustedCertificateValidator(Emulator.Certificate, [Emulator.BaseUri]).CreateHandler();
}

/// <summary>The sync composed as a host composes it: options from settings, a workspace, a feed and a clock.</summary>
internal sealed class SyncStack : IDisposable
{
    private readonly ServiceProvider provider;

    /// <summary>Composes the sync over <paramref name="feed"/>.</summary>
    public SyncStack(IIndicatorFeed feed, ISentinelWorkspace workspace, TimeProvider clock, IDictionary<string, string?> settings)
        : this(workspace, clock, settings, (services, _) => services.AddSingleton(feed))
    {
    }

    /// <summary>Composes the sync with a feed that <paramref name="registerFeed"/> registers, from the same configuration.</summary>
    public SyncStack(ISentinelWorkspace workspace, TimeProvider clock, IDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> registerFeed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(workspace);
        registerFeed(services, configuration);
        services.AddFeedSyncSync(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Workspace = workspace;
    }

    public ISyncRunner Runner => provider.GetRequiredService<ISyncRunner>();

    public ISentinelWorkspace Workspace { get; }

    public void Dispose() => provider.Dispose();
}
