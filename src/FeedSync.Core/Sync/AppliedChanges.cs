using System.Collections.Concurrent;

namespace FeedSync.Sync;

/// <summary>
/// The changes a run has written so far, per watchlist. Counted after each successful call, so a run that fails
/// half-way reports what it did.
/// </summary>
internal sealed class AppliedChanges
{
    private readonly ConcurrentDictionary<string, Counters> byAlias = new(StringComparer.OrdinalIgnoreCase);

    public void Added(string alias, int rows) => Interlocked.Add(ref For(alias).Added, rows);

    public void Updated(string alias) => Interlocked.Increment(ref For(alias).Updated);

    public void Removed(string alias) => Interlocked.Increment(ref For(alias).Removed);

    public void DuplicateRemoved(string alias) => Interlocked.Increment(ref For(alias).DuplicatesRemoved);

    /// <summary>Returns the counts written to <paramref name="alias"/>: added, updated, removed and duplicates removed.</summary>
    public (int Added, int Updated, int Removed, int DuplicatesRemoved) Of(string alias) =>
        byAlias.TryGetValue(alias, out var counters)
            ? (Volatile.Read(ref counters.Added), Volatile.Read(ref counters.Updated), Volatile.Read(ref counters.Removed), Volatile.Read(ref counters.DuplicatesRemoved))
            : (0, 0, 0, 0);

    private Counters For(string alias) => byAlias.GetOrAdd(alias, _ => new Counters());

    private sealed class Counters
    {
        public int Added;
        public int Updated;
        public int Removed;
        public int DuplicatesRemoved;
    }
}
