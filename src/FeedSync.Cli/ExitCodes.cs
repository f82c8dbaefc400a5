namespace FeedSync.Cli;

/// <summary>The exit codes of every <c>feedsync</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A source or service failed, such as a broken file or a failed ThreatFox call.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is invalid.</summary>
    public const int Usage = 2;
}
