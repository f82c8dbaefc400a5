using FeedSync.Sentinel;
using FeedSync.Sentinel.Workspace;
using FeedSync.SentinelEmulator;
using EmulatorHost = global::FeedSync.SentinelEmulator.SentinelEmulator;

namespace FeedSync.Tests.Sentinel.Contract;

/// <summary>Starts an in-process emulator on loopback and builds clients that trust its certificate.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(EmulatorHost emulator, ListLoggerFactory logs)
    {
        Emulator = emulator;
        Logs = logs;
    }

    public EmulatorHost Emulator { get; }

    public ListLoggerFactory Logs { get; }

    public static SentinelWorkspaceResourceId Workspace { get; } = new(
        EmulatorWorkspace.Default.SubscriptionId, EmulatorWorkspace.Default.ResourceGroup, EmulatorWorkspace.Default.WorkspaceName);

    public static Guid CustomerId => EmulatorWorkspace.Default.CustomerId;

    public static async Task<EmulatorFixture> StartAsync(Action<SentinelEmulatorOptions>? configure = null)
    {
        var options = new SentinelEmulatorOptions();
        configure?.Invoke(options);
        var emulator = await EmulatorHost.StartAsync(options);
        return new EmulatorFixture(emulator, new ListLoggerFactory());
    }

    /// <summary>Client options with short backoff, so that storms and bursts finish in seconds.</summary>
    public SentinelClientOptions ClientOptions(int maxRetries = 6)
    {
        var options = new SentinelClientOptions
        {
            ArmEndpoint = Emulator.BaseUri,
            LogAnalyticsEndpoint = Emulator.BaseUri,
            TrustedServerCertificate = Emulator.Certificate,
            OperationPollInterval = TimeSpan.FromMilliseconds(50),
            OperationTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = Logs,
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    public SentinelClient CreateClient(SentinelClientOptions? options = null) =>
        new(Workspace, new EmulatorTokenCredential(TimeProvider.System), options ?? ClientOptions());

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}
