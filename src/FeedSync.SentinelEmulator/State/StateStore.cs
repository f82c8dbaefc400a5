using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator.State;

/// <summary>
/// Guards the emulator's state with one lock, brings due long-running operations to their end before each use,
/// and, when a state file is set, reloads it when another process changed it and rewrites it atomically after
/// every change.
/// </summary>
internal sealed class StateStore
{
    private static readonly JsonSerializerOptions FileJsonOptions = new() { WriteIndented = false };

    private readonly Lock sync = new();
    private readonly string? stateFile;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Func<StoreSession, bool> completeDueOperations;
    private readonly IReadOnlyList<EmulatorWorkspace> workspaces;
    private EmulatorState state = new();
    private FileStamp? lastFileStamp;

    public StateStore(
        string? stateFile,
        IReadOnlyList<EmulatorWorkspace> workspaces,
        TimeProvider timeProvider,
        ILogger logger,
        Func<StoreSession, bool> completeDueOperations)
    {
        this.stateFile = stateFile is null ? null : Path.GetFullPath(stateFile);
        this.workspaces = workspaces;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.completeDueOperations = completeDueOperations;

        lock (sync)
        {
            LoadFromFileIfChanged();
            EnsureWorkspaces();
            SaveIfPersistent();
        }
    }

    /// <summary>Runs an action on the state under the lock and saves the state when the action changed it.</summary>
    public T Execute<T>(Func<StoreSession, T> action)
    {
        lock (sync)
        {
            LoadFromFileIfChanged();

            var session = new StoreSession(state, timeProvider.GetUtcNow());
            if (completeDueOperations(session))
            {
                session.MarkChanged();
            }

            var result = action(session);
            if (session.Changed)
            {
                SaveIfPersistent();
            }

            return result;
        }
    }

    private void EnsureWorkspaces()
    {
        foreach (var workspace in workspaces)
        {
            var existing = state.Workspaces.Find(candidate => StoreSession.Matches(candidate, workspace.SubscriptionId, workspace.ResourceGroup, workspace.WorkspaceName));
            if (existing is not null)
            {
                existing.CustomerId = workspace.CustomerId;
                continue;
            }

            state.Workspaces.Add(new WorkspaceState
            {
                SubscriptionId = workspace.SubscriptionId,
                ResourceGroup = workspace.ResourceGroup,
                WorkspaceName = workspace.WorkspaceName,
                CustomerId = workspace.CustomerId,
            });
        }
    }

    private void LoadFromFileIfChanged()
    {
        if (stateFile is null || !File.Exists(stateFile))
        {
            return;
        }

        var stamp = FileStamp.Of(stateFile);
        if (stamp == lastFileStamp)
        {
            return;
        }

        try
        {
            using var stream = File.OpenRead(stateFile);
            state = JsonSerializer.Deserialize<EmulatorState>(stream, FileJsonOptions) ?? new EmulatorState();
            lastFileStamp = stamp;
            EnsureWorkspaces();
            Log.StateLoaded(logger, stateFile, state.Workspaces.Count);
        }
        catch (JsonException exception)
        {
            throw new EmulatorStateFileException(
                stateFile,
                $"The emulator state file '{stateFile}' is not valid emulator JSON ({exception.Message}). Delete it or point StateFile at another path.",
                exception);
        }
    }

    // NOTE: every change rewrites the whole file, so each per-item write costs time in proportion to the state's size.
    // Two processes that change the state at the same moment can lose one of the changes.
    private void SaveIfPersistent()
    {
        if (stateFile is null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(stateFile)!;
        Directory.CreateDirectory(directory);

        var temporary = Path.Combine(directory, $".{Path.GetFileName(stateFile)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, state, FileJsonOptions);
        }

        File.Move(temporary, stateFile, overwrite: true);
        lastFileStamp = FileStamp.Of(stateFile);
    }

    private readonly record struct FileStamp(DateTime LastWriteUtc, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return new FileStamp(info.LastWriteTimeUtc, info.Length);
        }
    }
}

/// <summary>One locked use of the state: the state, the time it runs at, and whether it changed anything.</summary>
internal sealed class StoreSession(EmulatorState state, DateTimeOffset now)
{
    public EmulatorState State { get; } = state;

    public DateTimeOffset Now { get; } = now;

    public bool Changed { get; private set; }

    public void MarkChanged() => Changed = true;

    public WorkspaceState? FindWorkspace(string subscriptionId, string resourceGroup, string workspaceName) =>
        State.Workspaces.Find(workspace => Matches(workspace, subscriptionId, resourceGroup, workspaceName));

    public WorkspaceState? FindWorkspace(Guid customerId) =>
        State.Workspaces.Find(workspace => workspace.CustomerId == customerId);

    internal static bool Matches(WorkspaceState workspace, string subscriptionId, string resourceGroup, string workspaceName) =>
        string.Equals(workspace.SubscriptionId, subscriptionId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(workspace.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase)
        && string.Equals(workspace.WorkspaceName, workspaceName, StringComparison.OrdinalIgnoreCase);
}
