using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedSync.Sentinel;
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
    /// Returns a short hash that names the workspace: the ARM endpoint's authority (see <see cref="EndpointAuthority"/>),
    /// then the subscription, resource group and workspace name, compared case-insensitively as ARM compares them.
    /// </summary>
    private static string WorkspaceKey(IConfigurationSection sentinel)
    {
        var identity = string.Join('|',
            EndpointAuthority(sentinel["ArmEndpoint"], sentinel["Cloud"]),
            sentinel["SubscriptionId"]?.Trim() ?? string.Empty,
            sentinel["ResourceGroup"]?.Trim() ?? string.Empty,
            sentinel["WorkspaceName"]?.Trim() ?? string.Empty).ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    /// <summary>
    /// Returns the ARM endpoint as <c>host:port</c>, so that spellings of one endpoint share a lock: the host is
    /// lower-cased, <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> count as one loopback host, the default port
    /// is written out, and the path is ignored. Without an endpoint it is the cloud's ARM endpoint.
    /// </summary>
    internal static string EndpointAuthority(string? armEndpoint, string? cloudName)
    {
        var endpoint = string.IsNullOrWhiteSpace(armEndpoint)
            ? (SentinelCloud.FindByName(cloudName) ?? SentinelCloud.AzurePublicCloud).ArmEndpoint
            : Uri.TryCreate(armEndpoint.Trim(), UriKind.Absolute, out var parsed) ? parsed : null;

        if (endpoint is null)
        {
            // The options validation rejects such a value before the lock is taken; the raw text keeps the key stable.
            return armEndpoint!.Trim();
        }

        var host = WorkspaceTarget.IsLoopback(endpoint) ? "loopback" : endpoint.IdnHost.ToLowerInvariant();
        return $"{endpoint.Scheme.ToLowerInvariant()}://{host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
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
