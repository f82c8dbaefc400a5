namespace FeedSync.Hunting;

/// <summary>The built-in false-positive exclusion profiles, and their merge with the configured ones.</summary>
internal static class ExclusionProfiles
{
    /// <summary>The profiles that apply unless configuration disables or changes them.</summary>
    public static IReadOnlyList<ExclusionProfile> Defaults { get; } =
    [
        new("ScheduledMaintenance", "A legitimate scheduled maintenance task runs a script that matches because of a similar file name or path.")
        {
            ProcessNames = ["schtasks.exe"],
            CommandLineTerms = ["SystemMaintenanceTask"],
        },
        new("AdminRemoteAccess", "An administrator uses a remote access tool for authorised remote administration.")
        {
            ProcessNames = ["psexec.exe", "psexec64.exe", "psexesvc.exe", "mstsc.exe"],
            AccountNames = ["Administrator"],
        },
        new("LogCollectors", "A log collection tool (Splunk, the ELK stack) runs a script whose command-line arguments resemble the activity.")
        {
            ProcessNames = ["splunkd.exe", "logstash.exe"],
            FolderPaths = [@"C:\Program Files\Splunk\", @"C:\Program Files\SplunkUniversalForwarder\"],
        },
        new("SoftwareDeployment", "Software deployment through Group Policy or an endpoint manager delivers a matching file.")
        {
            ProcessNames = ["gpupdate.exe", "ccmexec.exe"],
            FolderPaths = [@"C:\Windows\Temp\Deployment\"],
        },
        new("NetworkMonitoring", "A network monitoring tool (Wireshark, tcpdump) produces similar network activity.")
        {
            ProcessNames = ["wireshark.exe", "dumpcap.exe", "tcpdump.exe"],
        },
    ];

    /// <summary>
    /// Returns the enabled profiles: the built-in ones with their configured overrides, in built-in order, then
    /// the configured new ones by name. The options must have passed <see cref="HuntingOptionsValidator"/>.
    /// </summary>
    public static IReadOnlyList<ExclusionProfile> Resolve(HuntingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var configured = new Dictionary<string, ExclusionProfileOptions>(options.Exclusions, StringComparer.OrdinalIgnoreCase);
        var profiles = new List<ExclusionProfile>();
        foreach (var builtIn in Defaults)
        {
            if (!configured.Remove(builtIn.Name, out var overrides))
            {
                profiles.Add(builtIn);
                continue;
            }

            if (overrides.Enabled ?? true)
            {
                profiles.Add(Override(builtIn, overrides));
            }
        }

        foreach (var (name, added) in configured.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (added.Enabled ?? true)
            {
                profiles.Add(Override(new ExclusionProfile(name, string.Empty), added));
            }
        }

        return profiles;
    }

    /// <summary>Returns whether <paramref name="name"/> is the name of a built-in profile.</summary>
    public static bool IsBuiltIn(string name) =>
        Defaults.Any(profile => string.Equals(profile.Name, name, StringComparison.OrdinalIgnoreCase));

    private static ExclusionProfile Override(ExclusionProfile profile, ExclusionProfileOptions overrides) => profile with
    {
        Scenario = overrides.Scenario ?? profile.Scenario,
        ProcessNames = overrides.ProcessNames is { } processNames ? [.. processNames] : profile.ProcessNames,
        AccountNames = overrides.AccountNames is { } accountNames ? [.. accountNames] : profile.AccountNames,
        FolderPaths = overrides.FolderPaths is { } folderPaths ? [.. folderPaths] : profile.FolderPaths,
        CommandLineTerms = overrides.CommandLineTerms is { } terms ? [.. terms] : profile.CommandLineTerms,
        NetworkInterfaces = overrides.NetworkInterfaces is { } interfaces ? [.. interfaces] : profile.NetworkInterfaces,
    };
}
