using System.CommandLine;
using FeedSync.Cli.Composition;
using FeedSync.Normalisation;
using FeedSync.Sync;

namespace FeedSync.Cli.Commands;

/// <summary>
/// The options that <c>feedsync sync</c> and <c>feedsync plan</c> share. The source, filter, <c>--as-of</c> and
/// <c>--output</c> options are those of <c>feedsync ingest</c>, so both commands read and filter a feed the same way.
/// </summary>
internal sealed class SyncCommandOptions
{
    public SyncCommandOptions()
    {
        Feed.Source.Required = false;
        Feed.Source.DefaultValueFactory = _ => IngestRequest.ThreatFoxSource;
        Feed.AsOf.Description = "Evaluate expiry (and --max-age) at this time instead of now, to replay a saved export: an ISO 8601 date and time such as 2026-07-24T14:04:00Z, UTC when it has no offset.";
        Feed.Output.Description = "The output format: text (a summary) or json (the run report: outcome, reason when it stopped or failed, counts per watchlist, hunting query and ARM call counts; with --dry-run also every planned change).";
        Target.OneOf(CliTargets.Local, CliTargets.Sentinel);
    }

    /// <summary>The options shared with <c>feedsync ingest</c>: source, days, filters, as-of time and output format.</summary>
    public IngestCommandOptions Feed { get; } = new();

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "Where to sync: 'local' (an emulator started in-process, state under .feedsync/) or 'sentinel' (the workspace in FeedSync:Sentinel settings). Default: sentinel when workspace settings or --arm-endpoint are given, else local.",
    };

    public Option<string?> ArmEndpoint { get; } = new("--arm-endpoint")
    {
        Description = "An https ARM endpoint to use instead of the cloud's, such as a running 'feedsync emulator'. Sets FeedSync:Sentinel:ArmEndpoint.",
    };

    public Option<string?> ArmCertificate { get; } = new("--arm-certificate")
    {
        Description = "A certificate file (PEM or DER) to trust for --arm-endpoint alone, such as the emulator's. Sets FeedSync:Sentinel:TrustedCertificatePath.",
    };

    public Option<string?> SubscriptionId { get; } = new("--subscription-id") { Description = "Sets FeedSync:Sentinel:SubscriptionId." };

    public Option<string?> ResourceGroup { get; } = new("--resource-group") { Description = "Sets FeedSync:Sentinel:ResourceGroup." };

    public Option<string?> WorkspaceName { get; } = new("--workspace-name") { Description = "Sets FeedSync:Sentinel:WorkspaceName." };

    public Option<string?> WorkspaceId { get; } = new("--workspace-id") { Description = "Sets FeedSync:Sentinel:WorkspaceId (the customer id GUID)." };

    public Option<string?> Cloud { get; } = new("--cloud") { Description = "Sets FeedSync:Sentinel:Cloud: AzurePublicCloud, AzureUSGovernment or AzureChina." };

    public Option<bool> Force { get; } = new("--force")
    {
        Description = "Apply removals even when they exceed FeedSync:Sync:RemovalThresholdPercent of a watchlist.",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log each step (information level) to standard error.",
    };

    /// <summary>Adds every option to <paramref name="command"/>; <c>--force</c> only where it can apply.</summary>
    public void AddTo(Command command, bool includeForce)
    {
        ArgumentNullException.ThrowIfNull(command);

        Feed.AddTo(command);
        Option[] options = [Target, ArmEndpoint, ArmCertificate, SubscriptionId, ResourceGroup, WorkspaceName, WorkspaceId, Cloud, Verbose];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        if (includeForce)
        {
            command.Options.Add(Force);
        }
    }

    /// <summary>Creates the request; the feed options override the configured <paramref name="defaults"/>.</summary>
    public SyncRequest CreateRequest(ParseResult parseResult, IngestionOptions defaults, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(parseResult);

        var feed = Feed.CreateRequest(parseResult, defaults);
        return new SyncRequest
        {
            Source = feed.Source,
            Days = feed.Days,
            Filter = feed.Filter,
            AsOf = feed.AsOf,
            DryRun = dryRun,
            Force = parseResult.GetValue(Force),
            IncludeChanges = dryRun,
        };
    }

    /// <summary>Returns the configuration keys that the workspace flags set.</summary>
    public Dictionary<string, string?> ReadSettings(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        AddSetting(settings, "FeedSync:Sentinel:ArmEndpoint", parseResult.GetValue(ArmEndpoint));
        AddSetting(settings, "FeedSync:Sentinel:TrustedCertificatePath", parseResult.GetValue(ArmCertificate));
        AddSetting(settings, "FeedSync:Sentinel:SubscriptionId", parseResult.GetValue(SubscriptionId));
        AddSetting(settings, "FeedSync:Sentinel:ResourceGroup", parseResult.GetValue(ResourceGroup));
        AddSetting(settings, "FeedSync:Sentinel:WorkspaceName", parseResult.GetValue(WorkspaceName));
        AddSetting(settings, "FeedSync:Sentinel:WorkspaceId", parseResult.GetValue(WorkspaceId));
        AddSetting(settings, "FeedSync:Sentinel:Cloud", parseResult.GetValue(Cloud));
        return settings;
    }

    private static void AddSetting(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            settings[key] = value;
        }
    }
}
