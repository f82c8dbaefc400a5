namespace FeedSync.Hunting;

/// <summary>The kind of table field an exclusion profile filters on; each table maps it to its own columns.</summary>
internal enum ExclusionField
{
    /// <summary>The file name of the acting process or its parent.</summary>
    ProcessName,

    /// <summary>The account the acting process runs as.</summary>
    AccountName,

    /// <summary>The folder of the acting process or of the file the event is about.</summary>
    FolderPath,

    /// <summary>The command line of the acting process.</summary>
    CommandLine,

    /// <summary>The network interface a firewall or sensor saw the traffic on.</summary>
    NetworkInterface,
}
