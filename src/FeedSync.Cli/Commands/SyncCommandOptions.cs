using System.CommandLine;
using System.Globalization;
using FeedSync.Cli.Composition;
using FeedSync.Normalisation;
using FeedSync.Sync;

namespace FeedSync.Cli.Commands;

/// <summary>The options that <c>feedsync sync</c> and <c>feedsync plan</c> share, and how they become a request and settings.</summary>
internal sealed class SyncCommandOptions
{
    public Option<string> Source { get; } = new("--source")
    {
        Description = "Where indicators come from: 'threatfox' for the live API, or the path of a ThreatFox export, API response or NDJSON file.",
        DefaultValueFactory = _ => "threatfox",
    };

    public Option<int> Days { get; } = new("--days")
    {
        Description = "With --source threatfox, how many days back to read, 1 to 7.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string[]> Kinds { get; } = new("--kind")
    {
        Description = "Keep only these indicator kinds: ip, domain, url, md5, sha1, sha256, sha3_384. Repeatable. A filtered run plans only the watchlists of these kinds.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> ThreatTypes { get; } = new("--threat-type")
    {
        Description = "Keep only these ThreatFox threat types, such as botnet_cc. Repeatable.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Families { get; } = new("--family")
    {
        Description = "Keep only these malware families, by ThreatFox id (win.remcos), name or alias. Repeatable.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int?> MinConfidence { get; } = new("--min-confidence")
    {
        Description = "Keep only indicators with at least this ThreatFox confidence, 0 to 100.",
    };

    public Option<string?> MaxAge { get; } = new("--max-age")
    {
        Description = "Keep only indicators active within this time before the run's clock: days (7) or d.hh:mm:ss.",
    };

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

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "Evaluate expiry at this UTC time instead of now, to replay a saved export: 2026-07-24T14:04:00Z.",
    };

    public Option<string> Output { get; } = new("--output")
    {
        Description = "text for a summary, json for the run report as one JSON document.",
        DefaultValueFactory = _ => "text",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log each step (information level) to standard error.",
    };

    public SyncCommandOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
        Target.AcceptOnlyFromAmong(CliTargets.Local, CliTargets.Sentinel);
        Kinds.AcceptOnlyFromAmong([.. Enum.GetValues<IndicatorKind>().Select(kind => kind.ToString().ToLowerInvariant())]);
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool includeForce)
    {
        ArgumentNullException.ThrowIfNull(command);

        Option[] options =
        [
            Source, Days, Kinds, ThreatTypes, Families, MinConfidence, MaxAge, Target, ArmEndpoint, ArmCertificate,
            SubscriptionId, ResourceGroup, WorkspaceName, WorkspaceId, Cloud, AsOf, Output, Verbose,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        if (includeForce)
        {
            command.Options.Add(Force);
        }
    }

    /// <summary>Reads the request from the parsed options; a value that cannot be read is a usage error.</summary>
    /// <exception cref="CliUsageException">An option value is invalid.</exception>
    public SyncRequest ReadRequest(ParseResult parseResult, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(parseResult);

        var days = parseResult.GetValue(Days);
        if (days is < 1 or > 7)
        {
            throw new CliUsageException($"--days {days} is out of range: use 1 to 7.");
        }

        var minConfidence = parseResult.GetValue(MinConfidence);
        if (minConfidence is < 0 or > 100)
        {
            throw new CliUsageException($"--min-confidence {minConfidence} is out of range: use 0 to 100.");
        }

        return new SyncRequest
        {
            Source = parseResult.GetValue(Source) ?? "threatfox",
            Days = days,
            Filter = new IndicatorFilter
            {
                Kinds = (parseResult.GetValue(Kinds) ?? []).Select(kind => Enum.Parse<IndicatorKind>(kind, ignoreCase: true)).ToHashSet(),
                ThreatTypes = (parseResult.GetValue(ThreatTypes) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase),
                Families = parseResult.GetValue(Families) ?? [],
                MinConfidence = minConfidence,
                MaxAge = ParseMaxAge(parseResult.GetValue(MaxAge)),
            },
            DryRun = dryRun,
            Force = parseResult.GetValue(Force),
            AsOf = ParseAsOf(parseResult.GetValue(AsOf)),
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

    private static DateTimeOffset? ParseAsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var asOf))
        {
            return asOf;
        }

        throw new CliUsageException($"--as-of '{text}' is not a time: use ISO 8601 UTC, such as 2026-07-24T14:04:00Z.");
    }

    private static TimeSpan? ParseMaxAge(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var maxAge) && maxAge > TimeSpan.Zero)
        {
            return maxAge;
        }

        throw new CliUsageException($"--max-age '{text}' is not a positive duration: use days (7) or d.hh:mm:ss (1.12:00:00).");
    }
}
