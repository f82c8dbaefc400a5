namespace FeedSync.Functions.Runs;

/// <summary>The stored records of sync runs, newest first.</summary>
internal interface IRunHistory
{
    /// <summary>Stores a run's record, replacing an earlier record of the same run.</summary>
    Task SaveAsync(SyncRunRecord record, CancellationToken cancellationToken = default);

    /// <summary>Returns a run's record, or null when no run has that id.</summary>
    Task<SyncRunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Returns up to <paramref name="count"/> records, newest first.</summary>
    Task<IReadOnlyList<SyncRunRecord>> ListAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks every record still running, other than <paramref name="currentRunId"/>, as abandoned. Only the
    /// holder of the sync lock may call this, because no other run can then be running.
    /// </summary>
    Task<IReadOnlyList<string>> MarkAbandonedAsync(string currentRunId, CancellationToken cancellationToken = default);
}
