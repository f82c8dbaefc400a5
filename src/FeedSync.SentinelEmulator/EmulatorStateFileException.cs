namespace FeedSync.SentinelEmulator;

/// <summary>The emulator's state file exists but does not contain emulator state, so the emulator cannot load it.</summary>
public sealed class EmulatorStateFileException : InvalidOperationException
{
    public EmulatorStateFileException(string stateFile, string message, Exception innerException)
        : base(message, innerException)
    {
        StateFile = stateFile;
    }

    public EmulatorStateFileException()
    {
        StateFile = string.Empty;
    }

    public EmulatorStateFileException(string message)
        : base(message)
    {
        StateFile = string.Empty;
    }

    public EmulatorStateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        StateFile = string.Empty;
    }

    /// <summary>The full path of the state file that failed to load.</summary>
    public string StateFile { get; }
}
