using Azure.Core;
using FeedSync.Sentinel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Sentinel;

/// <summary>Builds clients wired to a <see cref="FakeTransport"/> with fast retries.</summary>
internal static class SentinelTestClient
{
    public const string SubscriptionId = "d0cfe6b2-9ac0-4464-9919-dccaee2e48c0";

    public static readonly Uri ArmEndpoint = new("https://management.example.test/");

    public static SentinelWorkspaceResourceId Workspace { get; } = new(SubscriptionId, "myRg", "myWorkspace");

    public static string WorkspacePath => $"/subscriptions/{SubscriptionId}/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace";

    public static SentinelClientOptions FastOptions(FakeTransport transport, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new SentinelClientOptions
        {
            Transport = transport.Transport,
            ArmEndpoint = ArmEndpoint,
            LogAnalyticsEndpoint = new Uri("https://api.example.test/"),
            OperationPollInterval = TimeSpan.FromMilliseconds(1),
            TimeProvider = timeProvider ?? TimeProvider.System,
            LoggerFactory = loggerFactory,
        };
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    public static SentinelClient Create(FakeTransport transport, SentinelClientOptions? options = null) =>
        new(Workspace, new StaticTokenCredential(), options ?? FastOptions(transport));

    /// <summary>Advances fake time in small steps until the task completes (at most ten minutes of fake time).</summary>
    public static async Task<T> RunWithFakeTimeAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        for (var step = 0; step < 6000 && !task.IsCompleted; step++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        return await task;
    }

    /// <summary>A credential that returns a fixed test token without contacting anything.</summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        public const string Token = "unit-test-token";

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
