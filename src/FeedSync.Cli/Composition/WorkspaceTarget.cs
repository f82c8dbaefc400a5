using System.Net;
using FeedSync.Cli.Commands;
using FeedSync.SentinelEmulator;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Cli.Composition;

/// <summary>
/// Decides which workspace a command writes to and supplies the settings that reach it. The local target starts
/// the emulator in-process on a loopback port, with its state in <c>.feedsync/</c>, and stops it on dispose.
/// </summary>
internal sealed class WorkspaceTarget : IAsyncDisposable
{
    /// <summary>The folder under the working directory that contains the local target's state.</summary>
    public const string StateFolderName = ".feedsync";

    private const string SentinelSection = "FeedSync:Sentinel";

    private readonly SentinelEmulator.SentinelEmulator? emulator;

    private WorkspaceTarget(string name, IReadOnlyDictionary<string, string?> settings, SentinelEmulator.SentinelEmulator? emulator)
    {
        Name = name;
        Settings = settings;
        this.emulator = emulator;
    }

    /// <summary>The target: <see cref="CliTargets.Local"/> or <see cref="CliTargets.Sentinel"/>.</summary>
    public string Name { get; }

    /// <summary>The <c>FeedSync:Sentinel</c> settings the target adds on top of the configuration.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A short description of where the run writes, for the summary.</summary>
    public string Description => emulator is null
        ? $"{Name} workspace"
        : $"local emulator at {emulator.BaseUri} (state in {StateFolderName}/)";

    /// <summary>
    /// Resolves the target: <paramref name="requested"/> when given, else <see cref="CliTargets.Sentinel"/> when the
    /// configuration names a workspace or an ARM endpoint, else <see cref="CliTargets.Local"/>.
    /// </summary>
    /// <exception cref="CliUsageException">The requested target contradicts the settings.</exception>
    public static async Task<WorkspaceTarget> ResolveAsync(
        string? requested,
        IConfiguration configuration,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(SentinelSection);
        var armEndpoint = section["ArmEndpoint"];
        var namesWorkspace = !string.IsNullOrWhiteSpace(section["WorkspaceName"]) || !string.IsNullOrWhiteSpace(section["SubscriptionId"]);
        var name = requested ?? (namesWorkspace || !string.IsNullOrWhiteSpace(armEndpoint) ? CliTargets.Sentinel : CliTargets.Local);

        if (name == CliTargets.Local)
        {
            if (!string.IsNullOrWhiteSpace(armEndpoint))
            {
                throw new CliUsageException($"--target local starts its own emulator, but {SentinelSection}:ArmEndpoint is set to '{armEndpoint}'. Remove one of them.");
            }

            return await StartLocalAsync(workingDirectory, cancellationToken);
        }

        return new WorkspaceTarget(CliTargets.Sentinel, EmulatorDefaultsFor(armEndpoint, namesWorkspace), emulator: null);
    }

    public async ValueTask DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    private static async Task<WorkspaceTarget> StartLocalAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var stateFolder = Path.Combine(workingDirectory, StateFolderName);
        Directory.CreateDirectory(stateFolder);

        SentinelEmulator.SentinelEmulator emulator;
        try
        {
            emulator = await SentinelEmulator.SentinelEmulator.StartAsync(
                new SentinelEmulatorOptions { Port = 0, StateFile = Path.Combine(stateFolder, "emulator-state.json") },
                cancellationToken);
        }
        catch (EmulatorStateFileException exception)
        {
            throw new CliConfigurationException(
                $"The local target's state file '{exception.StateFile}' is not valid emulator JSON ({exception.InnerException?.Message}). It contains only the local emulator's watchlists, so delete it to start from an empty workspace, or move it aside to keep a copy.",
                exception);
        }

        var certificatePath = Path.Combine(stateFolder, "emulator-certificate.pem");
        await WriteReplacingAsync(certificatePath, emulator.Certificate.ExportCertificatePem(), cancellationToken);

        var workspace = EmulatorWorkspace.Default;
        var settings = WorkspaceSettings(workspace);
        settings[$"{SentinelSection}:ArmEndpoint"] = emulator.BaseUri.ToString();
        settings[$"{SentinelSection}:TrustedCertificatePath"] = certificatePath;
        settings[$"{SentinelSection}:UseEmulator"] = "true";
        return new WorkspaceTarget(CliTargets.Local, settings, emulator);
    }

    /// <summary>
    /// Writes <paramref name="text"/> to a temporary file of its own and renames it over <paramref name="path"/>, so
    /// that a run that starts at the same time finds a whole certificate in the file, never a truncated one.
    /// </summary>
    private static async Task WriteReplacingAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Fills in the emulator's default workspace when the ARM endpoint is a loopback address and no workspace is named,
    /// so that <c>--arm-endpoint</c> alone reaches a running <c>feedsync emulator</c>.
    /// </summary>
    private static Dictionary<string, string?> EmulatorDefaultsFor(string? armEndpoint, bool namesWorkspace)
    {
        if (namesWorkspace || !Uri.TryCreate(armEndpoint, UriKind.Absolute, out var endpoint) || !IsLoopback(endpoint))
        {
            return [];
        }

        return WorkspaceSettings(EmulatorWorkspace.Default);
    }

    private static Dictionary<string, string?> WorkspaceSettings(EmulatorWorkspace workspace) => new(StringComparer.OrdinalIgnoreCase)
    {
        [$"{SentinelSection}:SubscriptionId"] = workspace.SubscriptionId,
        [$"{SentinelSection}:ResourceGroup"] = workspace.ResourceGroup,
        [$"{SentinelSection}:WorkspaceName"] = workspace.WorkspaceName,
        [$"{SentinelSection}:WorkspaceId"] = workspace.CustomerId.ToString("D"),
    };

    /// <summary>Returns true when <paramref name="uri"/> names <c>localhost</c> or a loopback address.</summary>
    internal static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
