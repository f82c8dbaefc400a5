namespace FeedSync.Functions.Runs;

/// <summary>What happened to a request to run a sync.</summary>
internal abstract record SyncRunResult
{
    private SyncRunResult()
    {
    }

    /// <summary>The sync ran and returned its summary; the record's status says how it ended.</summary>
    public sealed record Completed(SyncRunRecord Record) : SyncRunResult;

    /// <summary>The sync was not started because another run holds the sync lock.</summary>
    /// <param name="RunningRunId">The id of the run that holds the lock; null when the holder recorded none yet.</param>
    public sealed record AlreadyRunning(string? RunningRunId) : SyncRunResult;

    /// <summary>The sync threw or lost its lock; the record holds the error.</summary>
    public sealed record Failed(SyncRunRecord Record) : SyncRunResult;
}
