namespace FeedSync.Functions.Runs;

/// <summary>Thrown by the timer function when its sync run failed, so that the invocation is marked failed.</summary>
public sealed class SyncRunFailedException : Exception
{
    public SyncRunFailedException()
    {
    }

    public SyncRunFailedException(string message)
        : base(message)
    {
    }

    public SyncRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SyncRunFailedException(string runId, string? error)
        : base($"Sync run {runId} failed: {error ?? "no error recorded"}. GET /api/sync/runs/{runId} shows its record.")
    {
        RunId = runId;
    }

    /// <summary>The failed run's id.</summary>
    public string? RunId { get; }
}
