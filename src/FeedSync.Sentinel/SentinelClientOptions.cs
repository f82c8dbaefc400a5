using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace FeedSync.Sentinel;

/// <summary>
/// Options for <see cref="SentinelClient"/> and the clients it creates.
/// </summary>
/// <remarks>
/// Retries are made by one Polly pipeline configured from <see cref="ClientOptions.Retry"/>:
/// <c>MaxRetries</c>, <c>Delay</c> (the median first backoff), <c>MaxDelay</c> (the backoff cap),
/// <c>Mode</c> (exponential or fixed, always with jitter) and <c>NetworkTimeout</c> (the per-attempt timeout).
/// Azure.Core's own retry policy is replaced by one that never retries, so there is a single retry layer.
/// </remarks>
public class SentinelClientOptions : ClientOptions
{
    /// <summary>The default SecurityInsights (watchlists) api-version.</summary>
    public const string DefaultSecurityInsightsApiVersion = "2025-12-01";

    /// <summary>The default OperationalInsights saved-searches api-version.</summary>
    public const string DefaultSavedSearchesApiVersion = "2025-07-01";

    /// <summary>Creates options with the defaults documented on each property.</summary>
    public SentinelClientOptions()
    {
        // One retry layer: the Polly pipeline in SentinelPipeline reads these values.
        RetryPolicy = new RetryPolicy(maxRetries: 0);
        Retry.MaxRetries = 6;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.Mode = RetryMode.Exponential;
        Retry.NetworkTimeout = TimeSpan.FromSeconds(60);

        Diagnostics.LoggedHeaderNames.Add("x-ms-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-correlation-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-ms-ratelimit-remaining-subscription-reads");
        Diagnostics.LoggedHeaderNames.Add("x-ms-ratelimit-remaining-subscription-writes");
        Diagnostics.LoggedHeaderNames.Add("x-ms-ratelimit-remaining-subscription-deletes");
        Diagnostics.LoggedHeaderNames.Add("Retry-After");
        Diagnostics.LoggedHeaderNames.Add("retry-after-ms");
        Diagnostics.LoggedHeaderNames.Add("x-ms-retry-after-ms");
    }

    /// <summary>The Azure cloud. Default: <see cref="SentinelCloud.AzurePublicCloud"/>.</summary>
    public SentinelCloud Cloud { get; set; } = SentinelCloud.AzurePublicCloud;

    /// <summary>
    /// An Azure Resource Manager endpoint that replaces the cloud's, such as a local emulator.
    /// Default: null (the cloud's endpoint). The token scope stays the cloud's.
    /// </summary>
    public Uri? ArmEndpoint { get; set; }

    /// <summary>
    /// A Log Analytics query endpoint that replaces the cloud's. Default: null (the cloud's endpoint).
    /// </summary>
    public Uri? LogAnalyticsEndpoint { get; set; }

    /// <summary>
    /// A server certificate trusted for the overridden <see cref="ArmEndpoint"/> and
    /// <see cref="LogAnalyticsEndpoint"/> hosts alone, even when it does not chain to a trusted root
    /// (a self-signed emulator certificate). Every other host gets default validation. Requires an
    /// endpoint override. Default: null.
    /// </summary>
    public X509Certificate2? TrustedServerCertificate { get; set; }

    /// <summary>The SecurityInsights api-version for watchlists and items. Default: <c>2025-12-01</c>.</summary>
    public string SecurityInsightsApiVersion { get; set; } = DefaultSecurityInsightsApiVersion;

    /// <summary>The OperationalInsights api-version for saved searches. Default: <c>2025-07-01</c>.</summary>
    public string SavedSearchesApiVersion { get; set; } = DefaultSavedSearchesApiVersion;

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for. A throttled response asking for longer is
    /// returned to the caller as an error instead of retried. Default: 2 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The wait between polls of an asynchronous operation when the service sends no <c>Retry-After</c>.
    /// Default: 2 seconds.
    /// </summary>
    public TimeSpan OperationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the client polls an asynchronous operation before it gives up. Default: 15 minutes.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock for backoff, polling and <c>Retry-After</c> dates. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The logger factory for the client's structured logs (retries, failures, operations). Default: null, no logs.
    /// Azure.Core's own request logs go to its <c>Azure-Core</c> event source, with headers outside
    /// <see cref="DiagnosticsOptions.LoggedHeaderNames"/> redacted.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Returns the ARM endpoint in effect: the override, else the cloud's.</summary>
    internal Uri EffectiveArmEndpoint => ArmEndpoint ?? Cloud.ArmEndpoint;

    /// <summary>Returns the Log Analytics endpoint in effect: the override, else the cloud's.</summary>
    internal Uri EffectiveLogAnalyticsEndpoint => LogAnalyticsEndpoint ?? Cloud.LogAnalyticsEndpoint;

    /// <summary>Checks the options for combinations no request could succeed with.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Cloud, nameof(Cloud));
        ValidateEndpoint(ArmEndpoint, nameof(ArmEndpoint));
        ValidateEndpoint(LogAnalyticsEndpoint, nameof(LogAnalyticsEndpoint));

        if (TrustedServerCertificate is not null && ArmEndpoint is null && LogAnalyticsEndpoint is null)
        {
            throw new ArgumentException(
                "TrustedServerCertificate is set without ArmEndpoint or LogAnalyticsEndpoint. The certificate is trusted only for an overridden endpoint: set one, or remove the certificate.",
                nameof(TrustedServerCertificate));
        }

        if (string.IsNullOrWhiteSpace(SecurityInsightsApiVersion) || string.IsNullOrWhiteSpace(SavedSearchesApiVersion))
        {
            throw new ArgumentException("SecurityInsightsApiVersion and SavedSearchesApiVersion must not be empty.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || OperationPollInterval <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxRetryAfter must not be negative, and OperationPollInterval and OperationTimeout must be positive.");
        }

        if (Retry.NetworkTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Retry.NetworkTimeout (the per-attempt timeout) must be positive.");
        }
    }

    private static void ValidateEndpoint(Uri? endpoint, string name)
    {
        if (endpoint is null)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException(
                $"{name} '{endpoint}' must be an absolute https URL: bearer tokens are sent only over TLS.",
                name);
        }
    }
}
