namespace FeedSync.Hunting;

/// <summary>
/// The configured settings of one false-positive exclusion profile. A null list keeps the built-in list of a
/// built-in profile, and an empty list clears it.
/// </summary>
public sealed class ExclusionProfileOptions
{
    /// <summary>Whether the profile applies. Null keeps the built-in setting, which is on; a new profile defaults to on.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The false-positive scenario the profile covers, as the rule document states it.</summary>
    public string? Scenario { get; set; }

    /// <summary>Process file names, such as <c>schtasks.exe</c>, excluded as the acting process or its parent.</summary>
    public IList<string>? ProcessNames { get; init; }

    /// <summary>Account names, such as <c>Administrator</c>, whose processes are excluded.</summary>
    public IList<string>? AccountNames { get; init; }

    /// <summary>Folder paths, such as <c>C:\Windows\Temp\Deployment\</c>, whose processes and files are excluded.</summary>
    public IList<string>? FolderPaths { get; init; }

    /// <summary>Command-line terms, such as a scheduled task name, whose processes are excluded.</summary>
    public IList<string>? CommandLineTerms { get; init; }

    /// <summary>Network interface names of a firewall or sensor whose traffic is excluded.</summary>
    public IList<string>? NetworkInterfaces { get; init; }
}
