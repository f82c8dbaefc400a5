namespace FeedSync.Hunting;

/// <summary>
/// A false-positive exclusion profile: the scenario it covers and the values it excludes. Each value list is
/// matched against the columns a table has for that field, and a table without any of the fields is left as is.
/// </summary>
/// <param name="Name">The profile name, such as <c>ScheduledMaintenance</c>.</param>
/// <param name="Scenario">The false-positive scenario, as the rule document states it.</param>
public sealed record ExclusionProfile(string Name, string Scenario)
{
    /// <summary>Process file names excluded as the acting process or its parent, compared case-insensitively.</summary>
    public IReadOnlyList<string> ProcessNames { get; init; } = [];

    /// <summary>Account names whose processes are excluded, compared case-insensitively.</summary>
    public IReadOnlyList<string> AccountNames { get; init; } = [];

    /// <summary>Folder paths whose processes and files are excluded, compared as case-insensitive prefixes.</summary>
    public IReadOnlyList<string> FolderPaths { get; init; } = [];

    /// <summary>Command-line terms whose processes are excluded, matched as whole terms (KQL <c>has_any</c>).</summary>
    public IReadOnlyList<string> CommandLineTerms { get; init; } = [];

    /// <summary>Network interface names whose traffic is excluded, compared case-insensitively.</summary>
    public IReadOnlyList<string> NetworkInterfaces { get; init; } = [];

    /// <summary>Returns the values the profile excludes for <paramref name="field"/>.</summary>
    internal IReadOnlyList<string> ValuesFor(ExclusionField field) => field switch
    {
        ExclusionField.ProcessName => ProcessNames,
        ExclusionField.AccountName => AccountNames,
        ExclusionField.FolderPath => FolderPaths,
        ExclusionField.CommandLine => CommandLineTerms,
        ExclusionField.NetworkInterface => NetworkInterfaces,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown exclusion field."),
    };
}
