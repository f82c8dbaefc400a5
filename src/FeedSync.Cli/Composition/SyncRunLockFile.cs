using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Cli.Composition;

/// <summary>
/// Chooses the lock file that keeps two <c>feedsync sync</c> runs against the same workspace on this machine from
/// running at once: <c>.feedsync/sync.lock</c> for the local target, whose state lives in the working directory, and
/// one file per workspace under the user's local application data folder for a Sentinel workspace.
/// </summary>
internal static class SyncRunLockFile
{
    /// <summary>The lock file's name in the local target's state folder.</summary>
    public const string LocalFileName = "sync.lock";

    private const string SentinelSection = "FeedSync:Sentinel";

    /// <summary>Returns the lock file for a run against <paramref name="targetName"/> with <paramref name="configuration"/>.</summary>
    public static string PathFor(string targetName, IConfiguration configuration, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        if (targetName == CliTargets.Local)
        {
            return Path.Combine(workingDirectory, WorkspaceTarget.StateFolderName, LocalFileName);
        }

        return Path.Combine(UserLockFolder(), $"sync-{WorkspaceKey(configuration.GetSection(SentinelSection))}.lock");
    }

    /// <summary>
    /// Returns a short hash that names the workspace: the ARM endpoint (or the cloud), subscription, resource group
    /// and workspace name, compared case-insensitively as ARM compares them.
    /// </summary>
    private static string WorkspaceKey(IConfigurationSection sentinel)
    {
        var identity = string.Join('|',
            sentinel["ArmEndpoint"] ?? sentinel["Cloud"] ?? string.Empty,
            sentinel["SubscriptionId"] ?? string.Empty,
            sentinel["ResourceGroup"] ?? string.Empty,
            sentinel["WorkspaceName"] ?? string.Empty).ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private static string UserLockFolder()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        return Path.Combine(root, "feedsync", "locks");
    }
}
