namespace FeedSync.Workspace;

/// <summary>Counts of the ARM calls made against a workspace, for a run's report.</summary>
/// <param name="Reads">Requests that read (GET, and polls of asynchronous operations).</param>
/// <param name="Writes">Requests that create or update (PUT).</param>
/// <param name="Deletes">Requests that delete.</param>
/// <param name="Retries">Attempts repeated after a transient failure.</param>
/// <param name="Throttled">Responses with status 429.</param>
public sealed record WorkspaceCallCounts(long Reads, long Writes, long Deletes, long Retries, long Throttled)
{
    /// <summary>No calls at all.</summary>
    public static WorkspaceCallCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Returns the calls made since <paramref name="earlier"/> was taken.</summary>
    public WorkspaceCallCounts Since(WorkspaceCallCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);

        return new WorkspaceCallCounts(
            Reads - earlier.Reads,
            Writes - earlier.Writes,
            Deletes - earlier.Deletes,
            Retries - earlier.Retries,
            Throttled - earlier.Throttled);
    }
}
