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

    /// <summary>The command was interrupted by Ctrl+C (SIGINT): 128 plus the signal number 2, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>The command was stopped by SIGTERM: 128 plus the signal number 15.</summary>
    public const int Terminated = 143;
}
