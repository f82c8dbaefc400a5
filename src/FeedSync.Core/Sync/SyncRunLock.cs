using System.Globalization;
using System.Text;

namespace FeedSync.Sync;

/// <summary>
/// A lock file that lets one sync at a time write to one set of managed watchlists from this machine. The lock is
/// the operating system's exclusive open of the file (<c>flock</c> on Linux and macOS, a share-none open on Windows),
/// so it holds between processes and between runs in one process, and the system releases it when the holder exits,
/// even after a crash.
/// </summary>
/// <remarks>
/// The lock file is never deleted: deleting it while another process waits to open it would let two processes lock
/// two different files under the same name. Who holds the lock is written to a sibling file
/// (<c>{lock file}.holder</c>), because the locked file itself cannot be opened by anyone else.
/// </remarks>
internal sealed class SyncRunLock : IDisposable
{
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    private readonly FileStream lockStream;

    private SyncRunLock(FileStream lockStream, SyncRunHolder holder)
    {
        this.lockStream = lockStream;
        Holder = holder;
    }

    /// <summary>The run that holds this lock.</summary>
    public SyncRunHolder Holder { get; }

    /// <summary>Why the holder file could not be written, or null when it was.</summary>
    public Exception? HolderWriteError { get; private init; }

    /// <summary>Returns the path of the file that names the holder of the lock file at <paramref name="lockFilePath"/>.</summary>
    public static string HolderFilePath(string lockFilePath) => lockFilePath + ".holder";

    /// <summary>
    /// Takes the lock at <paramref name="lockFilePath"/> for <paramref name="holder"/>, creating the file and its folder
    /// when missing. Returns null and the current holder, as far as it is known, when another run holds it.
    /// </summary>
    /// <exception cref="IOException">The lock file cannot be created or opened for another reason than the lock.</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file or its folder is not writable.</exception>
    public static (SyncRunLock? Lock, SyncRunHolder? CurrentHolder) TryAcquire(string lockFilePath, SyncRunHolder holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockFilePath);
        ArgumentNullException.ThrowIfNull(holder);

        var folder = Path.GetDirectoryName(Path.GetFullPath(lockFilePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(lockFilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
        }
        catch (IOException exception) when (IsLockConflict(exception))
        {
            return (null, ReadHolder(lockFilePath));
        }

        var holderError = WriteHolder(lockFilePath, holder);
        return (new SyncRunLock(stream, holder) { HolderWriteError = holderError }, null);
    }

    /// <summary>Reads who holds the lock at <paramref name="lockFilePath"/>, or returns null when the holder file is missing or unreadable.</summary>
    public static SyncRunHolder? ReadHolder(string lockFilePath)
    {
        try
        {
            return SyncRunHolder.Parse(File.ReadAllText(HolderFilePath(lockFilePath), Encoding.UTF8));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock. The holder file stays; a later holder overwrites it.</summary>
    public void Dispose() => lockStream.Dispose();

    /// <summary>
    /// Returns whether opening failed because another handle holds the file: on Linux and macOS .NET reports the
    /// <c>flock</c> errno EWOULDBLOCK (11 and 35) as the HResult, on Windows the sharing or lock violation HResult.
    /// </summary>
    private static bool IsLockConflict(IOException exception) =>
        exception.HResult is 11 or 35 or SharingViolation or LockViolation;

    /// <summary>
    /// Writes the holder file, and returns the error when that fails. The holder file only explains a rejection and
    /// the lock is the open file, so a run that cannot write it still excludes others, which then name no holder.
    /// </summary>
    private static Exception? WriteHolder(string lockFilePath, SyncRunHolder holder)
    {
        try
        {
            File.WriteAllText(HolderFilePath(lockFilePath), holder.Format(), Encoding.UTF8);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception;
        }
    }
}

/// <summary>Who holds a sync run lock.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="ProcessId">The id of the process that runs it.</param>
/// <param name="MachineName">The machine the process runs on.</param>
/// <param name="StartedAt">When the run took the lock, in UTC.</param>
internal sealed record SyncRunHolder(string RunId, int ProcessId, string MachineName, DateTimeOffset StartedAt)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Returns the holder for a run of the current process, started now.</summary>
    public static SyncRunHolder ForCurrentProcess(string runId, TimeProvider timeProvider) =>
        new(runId, Environment.ProcessId, Environment.MachineName, timeProvider.GetUtcNow());

    /// <summary>Formats the holder as four lines: run id, process id, machine name and start time.</summary>
    public string Format() => string.Join('\n',
        RunId,
        ProcessId.ToString(CultureInfo.InvariantCulture),
        MachineName,
        StartedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));

    /// <summary>Reads a holder that <see cref="Format"/> wrote, or returns null for any other text.</summary>
    public static SyncRunHolder? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var lines = text.Split('\n');
        if (lines.Length != 4
            || !int.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !DateTimeOffset.TryParseExact(lines[3], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var startedAt))
        {
            return null;
        }

        return new SyncRunHolder(lines[0], processId, lines[2], startedAt);
    }

    /// <summary>Describes the holder for a message: run, process, machine and start time.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"run {RunId} (process {ProcessId} on {MachineName}, started {StartedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)})");
}
