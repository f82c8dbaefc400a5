namespace FeedSync.Sentinel.Workspace;

/// <summary>
/// The <c>FeedSync:Sentinel</c> configuration section: which workspace to manage and how to reach it.
/// Environment variables use double underscores, such as <c>FeedSync__Sentinel__WorkspaceName</c>.
/// </summary>
public sealed class SentinelWorkspaceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "FeedSync:Sentinel";

    /// <summary>The id (GUID) of the subscription that contains the workspace. Required.</summary>
    public string SubscriptionId { get; set; } = string.Empty;

    /// <summary>The workspace's resource group. Required.</summary>
    public string ResourceGroup { get; set; } = string.Empty;

    /// <summary>The Log Analytics workspace name (its ARM resource name). Required.</summary>
    public string WorkspaceName { get; set; } = string.Empty;

    /// <summary>The workspace's customer id (a GUID), which Log Analytics queries use. Optional; queries need it.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>The cloud: <c>AzurePublicCloud</c>, <c>AzureUSGovernment</c> or <c>AzureChina</c>. Default: <c>AzurePublicCloud</c>.</summary>
    public string Cloud { get; set; } = SentinelCloud.AzurePublicCloud.Name;

    /// <summary>An https URL that replaces the cloud's ARM endpoint, such as the local emulator's. Default: none.</summary>
    public string? ArmEndpoint { get; set; }

    /// <summary>
    /// An https URL that replaces the cloud's Log Analytics endpoint. Default: none, except in emulator
    /// mode, where it defaults to <see cref="ArmEndpoint"/> because the emulator serves both.
    /// </summary>
    public string? LogAnalyticsEndpoint { get; set; }

    /// <summary>
    /// A certificate file (PEM or DER) trusted for the overridden endpoints alone, such as the emulator's
    /// self-signed certificate. Requires <see cref="ArmEndpoint"/> or <see cref="LogAnalyticsEndpoint"/>. Default: none.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>
    /// Whether the endpoints are the local emulator, which gets a placeholder bearer token instead of one from
    /// DefaultAzureCredential. Default: null, which means true when <see cref="ArmEndpoint"/> is a loopback
    /// address (127.0.0.1, ::1 or localhost). When true, every endpoint must be a loopback address.
    /// </summary>
    public bool? UseEmulator { get; set; }

    /// <summary>The client id of a user-assigned managed identity for DefaultAzureCredential. Default: none.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The SecurityInsights api-version. Default: <c>2025-12-01</c>.</summary>
    public string SecurityInsightsApiVersion { get; set; } = SentinelClientOptions.DefaultSecurityInsightsApiVersion;

    /// <summary>The saved-searches api-version. Default: <c>2025-07-01</c>.</summary>
    public string SavedSearchesApiVersion { get; set; } = SentinelClientOptions.DefaultSavedSearchesApiVersion;

    /// <summary>The retries after a transient failure, 0 to 20. Default: 6.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The median first backoff, before jitter. Default: 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff the client computes itself. Default: 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> the client waits for before it gives up. Default: 2 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The timeout of each attempt. Default: 60 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait between polls of an asynchronous operation without <c>Retry-After</c>. Default: 2 seconds.</summary>
    public TimeSpan OperationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an asynchronous operation is polled before the client gives up. Default: 15 minutes.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
