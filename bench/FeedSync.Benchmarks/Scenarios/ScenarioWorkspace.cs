using System.Diagnostics;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Workspace;
using FeedSync.SentinelEmulator;
using EmulatorHost = global::FeedSync.SentinelEmulator.SentinelEmulator;

namespace FeedSync.Benchmarks.Scenarios;

/// <summary>
/// A fresh emulator on loopback with ARM's throttling model on (token buckets of ARM's published limits: writes 200
/// refilled at 10 a second, deletes the same in their own bucket, reads 250 refilled at 25 a second), and a Sentinel
/// client with its production retry defaults. Each strategy of each scenario gets its own, so that no run inherits another's state or buckets.
/// </summary>
public sealed class ScenarioWorkspace : IAsyncDisposable
{
    private ScenarioWorkspace(EmulatorHost emulator, SentinelClient client)
    {
        Emulator = emulator;
        Client = client;
        Workspace = new SentinelWorkspace(client);
    }

    public EmulatorHost Emulator { get; }

    public SentinelClient Client { get; }

    public SentinelWorkspace Workspace { get; }

    /// <summary>Starts the emulator with <paramref name="deleteDuration"/> as the time a watchlist delete stays in progress.</summary>
    public static async Task<ScenarioWorkspace> StartAsync(TimeSpan deleteDuration, CancellationToken cancellationToken = default)
    {
        var emulator = await EmulatorHost.StartAsync(
            new SentinelEmulatorOptions { ThrottlingEnabled = true, DeleteDuration = deleteDuration, IncludeBuiltInSavedSearches = false },
            cancellationToken);
        var options = new SentinelClientOptions
        {
            ArmEndpoint = emulator.BaseUri,
            LogAnalyticsEndpoint = emulator.BaseUri,
            TrustedServerCertificate = emulator.Certificate,
        };
        var workspace = new SentinelWorkspaceResourceId(
            EmulatorWorkspace.Default.SubscriptionId, EmulatorWorkspace.Default.ResourceGroup, EmulatorWorkspace.Default.WorkspaceName);
        return new ScenarioWorkspace(emulator, new SentinelClient(workspace, new PlaceholderCredential(), options));
    }

    /// <summary>Takes the counters that a run's cost is measured by.</summary>
    public CallSnapshot Snapshot()
    {
        var statistics = Emulator.Statistics;
        return new CallSnapshot(statistics.Reads, statistics.Writes, statistics.Deletes, statistics.Throttled, Client.GetCallCounts().Retries, Stopwatch.GetTimestamp());
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>A fixed bearer token for the emulator, which requires one but does not check it.</summary>
    private sealed class PlaceholderCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("feedsync-benchmark-placeholder-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

/// <summary>The emulator's request counts, the client's retries and a timestamp at one moment.</summary>
public sealed record CallSnapshot(long Reads, long Writes, long Deletes, long Throttled, long Retries, long Timestamp)
{
    /// <summary>Returns the calls and time between <paramref name="earlier"/> and this snapshot.</summary>
    public RunCost Since(CallSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);

        return new RunCost(
            Reads - earlier.Reads,
            Writes - earlier.Writes,
            Deletes - earlier.Deletes,
            Throttled - earlier.Throttled,
            Retries - earlier.Retries,
            Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp));
    }
}

/// <summary>
/// What one run cost: the ARM requests the emulator received (every attempt, throttled ones included), the answers
/// it throttled, the client's retries, and the wall time.
/// </summary>
public sealed record RunCost(long Reads, long Writes, long Deletes, long Throttled, long Retries, TimeSpan WallTime)
{
    /// <summary>Writes and deletes together: the calls that change the workspace.</summary>
    public long WriteCalls => Writes + Deletes;
}
