namespace FeedSync.Cli.Composition;

/// <summary>The workspaces a command can write to.</summary>
internal static class CliTargets
{
    /// <summary>An emulator started in-process, with its state under <c>.feedsync/</c> in the working directory.</summary>
    public const string Local = "local";

    /// <summary>The workspace that the <c>FeedSync:Sentinel</c> settings name.</summary>
    public const string Sentinel = "sentinel";
}
