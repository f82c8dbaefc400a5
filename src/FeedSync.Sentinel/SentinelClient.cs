using Azure.Core;
using Azure.Core.Pipeline;
using FeedSync.Sentinel.LogAnalytics;
using FeedSync.Sentinel.Pipeline;
using FeedSync.Sentinel.SavedSearches;
using FeedSync.Sentinel.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Sentinel;

/// <summary>
/// The entry point to one Sentinel workspace: creates the watchlist, saved-search and Log Analytics
/// query clients, which share its HTTP pipelines and call counts.
/// </summary>
public class SentinelClient
{
    private readonly SentinelCallCounters _counters = new();
    private readonly Lazy<SentinelWatchlistClient> _watchlists = null!;
    private readonly Lazy<SentinelSavedSearchClient> _savedSearches = null!;
    private readonly Lazy<LogAnalyticsQueryClient> _query = null!;

    /// <summary>Creates a client for the workspace.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="credential">The credential; it gets tokens for the cloud's ARM and Log Analytics scopes.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are inconsistent, such as a trusted certificate without an endpoint override.</exception>
    public SentinelClient(SentinelWorkspaceResourceId workspace, TokenCredential credential, SentinelClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(credential);

        options ??= new SentinelClientOptions();
        options.Validate();
        ApplyTrustedCertificate(options);

        Workspace = workspace;
        var target = $"workspace '{workspace.WorkspaceName}' in resource group '{workspace.ResourceGroupName}'";
        var logger = CreateLogger(options);
        ArmPipeline = new SentinelPipeline(
            SentinelPipeline.BuildHttpPipeline(options, credential, options.Cloud.ArmTokenScope, _counters),
            options.EffectiveArmEndpoint,
            target,
            options,
            _counters,
            logger);
        LogAnalyticsPipeline = CreateLogAnalyticsPipeline(credential, options, _counters, target);

        _watchlists = new Lazy<SentinelWatchlistClient>(() => new SentinelWatchlistClient(ArmPipeline, workspace));
        _savedSearches = new Lazy<SentinelSavedSearchClient>(() => new SentinelSavedSearchClient(ArmPipeline, workspace));
        _query = new Lazy<LogAnalyticsQueryClient>(() => new LogAnalyticsQueryClient(LogAnalyticsPipeline));

        Log.ClientCreated(logger, target, options.EffectiveArmEndpoint, options.EffectiveLogAnalyticsEndpoint, options.Cloud.Name);
    }

    /// <summary>Creates a client for mocking.</summary>
    protected SentinelClient()
    {
        Workspace = null!;
        ArmPipeline = null!;
        LogAnalyticsPipeline = null!;
    }

    /// <summary>The workspace.</summary>
    public SentinelWorkspaceResourceId Workspace { get; }

    internal SentinelPipeline ArmPipeline { get; }

    internal SentinelPipeline LogAnalyticsPipeline { get; }

    /// <summary>Returns the watchlist client (one instance per <see cref="SentinelClient"/>).</summary>
    public virtual SentinelWatchlistClient GetWatchlistClient() => _watchlists.Value;

    /// <summary>Returns the saved-search client (one instance per <see cref="SentinelClient"/>).</summary>
    public virtual SentinelSavedSearchClient GetSavedSearchClient() => _savedSearches.Value;

    /// <summary>Returns the Log Analytics query client (one instance per <see cref="SentinelClient"/>).</summary>
    public virtual LogAnalyticsQueryClient GetLogAnalyticsQueryClient() => _query.Value;

    /// <summary>
    /// Returns the counts of attempts sent through this client and its sub-clients: reads (GET, polls and
    /// queries), writes (PUT), deletes, retries, and 429 responses.
    /// </summary>
    public virtual WorkspaceCallCounts GetCallCounts() => _counters.Snapshot();

    internal static SentinelPipeline CreateLogAnalyticsPipeline(
        TokenCredential credential, SentinelClientOptions options, SentinelCallCounters counters, string target)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);

        options.Validate();
        ApplyTrustedCertificate(options);
        return new SentinelPipeline(
            SentinelPipeline.BuildHttpPipeline(options, credential, options.Cloud.LogAnalyticsTokenScope, counters),
            options.EffectiveLogAnalyticsEndpoint,
            target,
            options,
            counters,
            CreateLogger(options));
    }

    private static ILogger CreateLogger(SentinelClientOptions options) =>
        (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("FeedSync.Sentinel.SentinelClient");

    /// <summary>
    /// Replaces the default transport with one that trusts <see cref="SentinelClientOptions.TrustedServerCertificate"/>
    /// for the overridden endpoints. A transport the caller set is kept as it is.
    /// </summary>
    private static void ApplyTrustedCertificate(SentinelClientOptions options)
    {
        if (options.TrustedServerCertificate is null || !ReferenceEquals(options.Transport, HttpClientTransport.Shared))
        {
            return;
        }

        var trustedEndpoints = new[] { options.ArmEndpoint, options.LogAnalyticsEndpoint }.OfType<Uri>();
        var validator = new TrustedCertificateValidator(options.TrustedServerCertificate, trustedEndpoints);
        options.Transport = new HttpClientTransport(validator.CreateHandler());
    }
}
