namespace FeedSync.Cli.Commands;

/// <summary>The exit codes of every <c>feedsync</c> command.</summary>
internal static class CliExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed, or a safety rule stopped it.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration is invalid.</summary>
    public const int UsageError = 2;
}
