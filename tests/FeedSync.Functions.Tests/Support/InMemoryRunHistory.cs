using System.Collections.Concurrent;
using FeedSync.Functions.Runs;

namespace FeedSync.Functions.Tests.Support;

/// <summary>An in-process <see cref="IRunHistory"/> that keeps every saved version of each record.</summary>
internal sealed class InMemoryRunHistory : IRunHistory
{
    private readonly ConcurrentDictionary<string, SyncRunRecord> records = new();
    private readonly ConcurrentQueue<SyncRunRecord> saves = new();

    /// <summary>Every record passed to <see cref="SaveAsync"/>, in order.</summary>
    public IReadOnlyList<SyncRunRecord> Saves => [.. saves];

    public Task SaveAsync(SyncRunRecord record, CancellationToken cancellationToken = default)
    {
        records[record.RunId] = record;
        saves.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task<SyncRunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(records.GetValueOrDefault(runId));

    public Task<IReadOnlyList<SyncRunRecord>> ListAsync(int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SyncRunRecord>>(records.Values.OrderByDescending(record => record.StartedAt).Take(count).ToList());

    public Task<IReadOnlyList<string>> MarkAbandonedAsync(string currentRunId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
