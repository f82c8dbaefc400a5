using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace FeedSync.Sentinel.Workspace;

/// <summary>Turns validated <see cref="SentinelWorkspaceOptions"/> into client options, a resource id and a credential.</summary>
internal static class SentinelWorkspaceConfiguration
{
    /// <summary>Returns true when the endpoints are the local emulator: <c>UseEmulator</c>, else a loopback ARM endpoint.</summary>
    public static bool IsEmulator(SentinelWorkspaceOptions options)
    {
        if (options.UseEmulator is { } configured)
        {
            return configured;
        }

        return EndpointAddress.ParseHttps(options.ArmEndpoint) is { } arm && EndpointAddress.IsLoopback(arm);
    }

    public static SentinelWorkspaceResourceId CreateResourceId(SentinelWorkspaceOptions options) =>
        new(options.SubscriptionId, options.ResourceGroup, options.WorkspaceName);

    public static Guid? ParseWorkspaceId(SentinelWorkspaceOptions options) =>
        Guid.TryParse(options.WorkspaceId, out var workspaceId) ? workspaceId : null;

    public static SentinelClientOptions CreateClientOptions(SentinelWorkspaceOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
    {
        var armEndpoint = EndpointAddress.ParseHttps(options.ArmEndpoint);
        var logAnalyticsEndpoint = EndpointAddress.ParseHttps(options.LogAnalyticsEndpoint)
            ?? (IsEmulator(options) ? armEndpoint : null);

        var clientOptions = new SentinelClientOptions
        {
            Cloud = SentinelCloud.FindByName(options.Cloud) ?? SentinelCloud.AzurePublicCloud,
            ArmEndpoint = armEndpoint,
            LogAnalyticsEndpoint = logAnalyticsEndpoint,
            SecurityInsightsApiVersion = options.SecurityInsightsApiVersion,
            SavedSearchesApiVersion = options.SavedSearchesApiVersion,
            MaxRetryAfter = options.MaxRetryAfter,
            OperationPollInterval = options.OperationPollInterval,
            OperationTimeout = options.OperationTimeout,
            TimeProvider = timeProvider,
            LoggerFactory = loggerFactory,
        };
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.AttemptTimeout;

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            clientOptions.TrustedServerCertificate = TrustedCertificateFile.Load(options.TrustedCertificatePath);
        }

        return clientOptions;
    }

    public static DefaultAzureCredential CreateDefaultCredential(SentinelWorkspaceOptions options)
    {
        var cloud = SentinelCloud.FindByName(options.Cloud) ?? SentinelCloud.AzurePublicCloud;
        var credentialOptions = new DefaultAzureCredentialOptions
        {
            AuthorityHost = cloud == SentinelCloud.AzureUSGovernment ? AzureAuthorityHosts.AzureGovernment
                : cloud == SentinelCloud.AzureChina ? AzureAuthorityHosts.AzureChina
                : AzureAuthorityHosts.AzurePublicCloud,
        };
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            credentialOptions.ManagedIdentityClientId = options.ManagedIdentityClientId;
        }

        return new DefaultAzureCredential(credentialOptions);
    }
}
