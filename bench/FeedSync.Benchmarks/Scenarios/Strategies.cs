namespace FeedSync.Benchmarks.Scenarios;

/// <summary>One way of keeping the watchlists in step with a feed, run once per sync.</summary>
internal interface ISyncStrategy : IAsyncDisposable
{
    /// <summary>The strategy's name in reports.</summary>
    string Name { get; }

    /// <summary>Brings the watchlists in step with <paramref name="feed"/> as of <paramref name="asOf"/>, and measures what that cost.</summary>
    Task<RunResult> RunAsync(ScenarioFeed feed, DateTimeOffset asOf, CancellationToken cancellationToken);
}

/// <summary>What one run of a strategy did and cost.</summary>
/// <param name="Cost">The ARM calls and wall time.</param>
/// <param name="Indicators">The feed's indicators after normalisation.</param>
/// <param name="RowsSent">Rows sent to the workspace, in single writes and bulk uploads together.</param>
/// <param name="Outcome">Succeeded, or what went wrong.</param>
internal sealed record RunResult(RunCost Cost, long Indicators, long RowsSent, string Outcome)
{
    /// <summary>For FeedSync: the rows the plan added, updated and removed.</summary>
    public long? Changes { get; init; }

    /// <summary>For FeedSync: the bulk upload requests (<c>rawContent</c> PUTs).</summary>
    public long? BulkRequests { get; init; }

    /// <summary>Single writes that still failed after the client's retries.</summary>
    public long FailedWrites { get; init; }

    /// <summary>For the delete-and-recreate strategy: the longest time a watchlist was missing or incomplete.</summary>
    public TimeSpan? LongestGap { get; init; }
}
