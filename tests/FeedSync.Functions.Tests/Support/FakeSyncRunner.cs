using FeedSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// An <see cref="ISyncRunner"/> whose behaviour each test sets: return a report, block until released,
/// throw, or wait for cancellation. It records every request and logs one line per run.
/// </summary>
internal sealed class FakeSyncRunner(ILogger<FakeSyncRunner>? logger = null) : ISyncRunner
{
    private readonly ILogger logger = logger ?? NullLogger<FakeSyncRunner>.Instance;
    private readonly List<SyncRequest> requests = [];

    /// <summary>What a run does after it has recorded its request.</summary>
    public Func<SyncRequest, CancellationToken, Task<SyncReport>> Behaviour { get; set; } =
        (request, _) => Task.FromResult(Reports.Succeeded(request.RunId));

    /// <summary>Completed when a run has started.</summary>
    public TaskCompletionSource<SyncRequest> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<SyncRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public async Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default)
    {
        lock (requests)
        {
            requests.Add(request);
        }

        logger.LogInformation("Fake sync running {RunId}", request.RunId);
        Started.TrySetResult(request);
        return await Behaviour(request, cancellationToken);
    }

    /// <summary>Makes runs wait until <paramref name="release"/> completes, then succeed.</summary>
    public void BlockUntil(Task release) =>
        Behaviour = async (request, cancellationToken) =>
        {
            await release.WaitAsync(cancellationToken);
            return Reports.Succeeded(request.RunId);
        };

    /// <summary>Makes runs wait until they are canceled.</summary>
    public void WaitForCancellation() =>
        Behaviour = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
}
