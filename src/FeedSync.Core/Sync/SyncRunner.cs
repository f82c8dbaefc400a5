using System.Globalization;
using FeedSync.Hunting;
using FeedSync.Normalisation;
using FeedSync.Watchlists;
using FeedSync.Workspace;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Sync;

/// <summary>
/// Runs one sync: reads the feed, plans the changes against the managed watchlists, checks the safety rules,
/// applies the plan unless it is a dry run, and reports what it did.
/// </summary>
/// <remarks>
/// Safety rules: a failed or empty feed writes nothing at all, and a plan that removes more than
/// <see cref="SyncOptions.RemovalThresholdPercent"/> of any watchlist's managed indicators stops before the first
/// write unless the request forces it. Expiry is the only reason a row is removed. When the host registers the
/// hunting services (<c>AddFeedSyncHunting</c>), the run publishes the hunting queries after the watchlists.
/// </remarks>
internal sealed class SyncRunner(
    IIndicatorFeed feed,
    ISentinelWorkspace workspace,
    SyncPlanner planner,
    SyncApplier applier,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<SyncRunner> logger,
    HuntingContentBuilder? huntingContent = null,
    HuntingPublisher? huntingPublisher = null) : ISyncRunner
{
    public Task<SyncReport> RunAsync(SyncRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, progress: null, cancellationToken);

    /// <summary>Runs a sync, reporting progress to <paramref name="progress"/> as it goes.</summary>
    public async Task<SyncReport> RunAsync(SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var run = new RunContext(request, timeProvider, workspace);
        Log.RunStarted(logger, request.RunId, request.Source, request.DryRun, request.Force, run.AsOf);

        var report = await RunStepsAsync(run, progress, cancellationToken);

        var totals = report.Watchlists;
        Log.RunFinished(logger, request.RunId, report.Outcome, report.DurationMs,
            totals.Sum(watchlist => watchlist.Added), totals.Sum(watchlist => watchlist.Updated),
            totals.Sum(watchlist => watchlist.Removed), totals.Sum(watchlist => watchlist.Unchanged));
        return report;
    }

    private async Task<SyncReport> RunStepsAsync(RunContext run, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var request = run.Request;

        progress?.Report(new SyncProgress(SyncStage.ReadingSource, null, 0, 1));
        FeedBatch batch;
        try
        {
            batch = await feed.ReadAsync(request, cancellationToken);
        }
        catch (Exception exception) when (IsRunFailure(exception, cancellationToken))
        {
            Log.FeedFailed(logger, exception, request.RunId, request.Source);
            return run.Report(SyncOutcome.Failed, $"Reading source '{request.Source}' failed, so nothing was changed: {exception.Message}", EmptySource, null, null, exception) with { SourceRead = false };
        }

        progress?.Report(new SyncProgress(SyncStage.ReadingSource, null, 1, 1));
        Log.FeedRead(logger, request.RunId, request.Source, batch.Records, batch.Accepted, batch.Rejected, batch.Indicators.Count);
        var source = new SourceSummary(batch.Records, batch.Accepted, batch.Rejected, batch.Indicators.Count);

        if (batch.Indicators.Count == 0)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"Source '{request.Source}' produced no indicators ({batch.Records} records read, {batch.Rejected} rejected), so nothing was changed. An empty feed never removes rows; check the source and the filters.");
            Log.RunStopped(logger, request.RunId, reason);
            return run.Report(SyncOutcome.Stopped, reason, source, null, null);
        }

        SyncPlan plan;
        try
        {
            plan = await planner.PlanAsync(batch.Indicators, request.Filter, run.AsOf, progress, cancellationToken);
        }
        catch (Exception exception) when (IsRunFailure(exception, cancellationToken))
        {
            Log.WorkspaceFailed(logger, exception, request.RunId);
            return run.Report(SyncOutcome.Failed, $"Reading the watchlists failed, so nothing was changed: {exception.Message}", source, null, null, exception);
        }

        LogPlan(request.RunId, plan);

        if (RemovalSafety.Check(plan, options.Value.RemovalThresholdPercent) is { } tooManyRemovals)
        {
            if (!request.Force)
            {
                Log.RunStopped(logger, request.RunId, tooManyRemovals);
                return run.Report(SyncOutcome.Stopped, tooManyRemovals, source, plan, null);
            }

            LogForcedRemovals(request.RunId, plan);
        }

        var applied = request.DryRun ? null : new AppliedChanges();
        if (applied is null)
        {
            Log.DryRunPlanned(logger, request.RunId, plan.ChangeCount);
        }
        else if (await ApplyAsync(run, plan, applied, progress, cancellationToken) is { } applyFailure)
        {
            return run.Report(SyncOutcome.Failed, applyFailure, source, plan, applied);
        }

        try
        {
            var retainedIndicators = RetainedIndicators(plan);
            if (huntingContent is not null && request.Filter.Kinds.Count > 0)
            {
                retainedIndicators.AddRange(await ReadUnplannedIndicatorsAsync(plan, cancellationToken));
            }

            var hunting = await PublishHuntingAsync(request, retainedIndicators, cancellationToken);
            return run.Report(SyncOutcome.Succeeded, null, source, plan, applied) with { Hunting = hunting };
        }
        catch (Exception exception) when (IsRunFailure(exception, cancellationToken))
        {
            Log.HuntingFailed(logger, exception, request.RunId);
            var reason = $"The watchlists were synced, but publishing the hunting queries failed: {exception.Message}";
            return run.Report(SyncOutcome.Failed, reason, source, plan, applied, exception);
        }
    }

    /// <summary>Applies the plan; returns why it failed, or null when every change was written.</summary>
    private async Task<string?> ApplyAsync(RunContext run, SyncPlan plan, AppliedChanges applied, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await applier.ApplyAsync(plan, run.Request.RunId, applied, progress, cancellationToken);
            return null;
        }
        catch (Exception exception) when (IsRunFailure(exception, cancellationToken))
        {
            Log.WorkspaceFailed(logger, exception, run.Request.RunId);
            return $"Writing the watchlists failed part-way; the counts show what was written, and the next run completes the rest: {exception.Message}";
        }
    }

    /// <summary>
    /// Returns the indicators the managed watchlists hold once the plan is applied. Hunting content is built from
    /// these rather than from this run's feed window, so that a family's queries stay while its rows are retained.
    /// </summary>
    private static List<Indicator> RetainedIndicators(SyncPlan plan) =>
        [.. plan.Watchlists.SelectMany(watchlist => watchlist.Retained).Select(IndicatorRowMapper.ToIndicator)];

    /// <summary>
    /// Returns the unexpired indicators of the managed watchlists that a kind filter left out of the plan, so that
    /// a run limited to some kinds keeps the hunting queries of the others. Makes only read calls.
    /// </summary>
    private async Task<List<Indicator>> ReadUnplannedIndicatorsAsync(SyncPlan plan, CancellationToken cancellationToken)
    {
        var planned = plan.Watchlists.Select(watchlist => watchlist.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var indicators = new List<Indicator>();
        foreach (var group in WatchlistLayout.Groups)
        {
            var alias = WatchlistLayout.Describe(group, options.Value.AliasPrefix).Alias;
            if (planned.Contains(alias) || await workspace.GetWatchlistAsync(alias, cancellationToken) is null)
            {
                continue;
            }

            await foreach (var row in workspace.ListWatchlistRowsAsync(alias, cancellationToken))
            {
                if (IndicatorRowMapper.TryParse(row.Columns, out var parsed) && parsed.ExpiresOn > plan.AsOf)
                {
                    indicators.Add(IndicatorRowMapper.ToIndicator(parsed));
                }
            }
        }

        return indicators;
    }

    /// <summary>
    /// Publishes the hunting queries for the watchlists' indicators, as a dry run when the request is one.
    /// Returns null when the host did not register the hunting services.
    /// </summary>
    private async Task<HuntingChangeSummary?> PublishHuntingAsync(SyncRequest request, IReadOnlyList<Indicator> indicators, CancellationToken cancellationToken)
    {
        if (huntingContent is null || huntingPublisher is null)
        {
            return null;
        }

        var content = huntingContent.Build(indicators);
        if (!string.Equals(content.WatchlistAliasPrefix, options.Value.AliasPrefix, StringComparison.Ordinal))
        {
            Log.HuntingPrefixMismatch(logger, request.RunId, content.WatchlistAliasPrefix, options.Value.AliasPrefix);
        }

        var published = await huntingPublisher.PublishAsync(content, request.DryRun, cancellationToken);
        return new HuntingChangeSummary(published.Created, published.Updated, published.Removed, published.Unchanged);
    }

    private static SourceSummary EmptySource { get; } = new(0, 0, 0, 0);

    /// <summary>
    /// Returns whether an exception from the feed or the workspace ends the run as failed. The ports throw their own
    /// exception types, which Core cannot name, so every exception counts except cancellation that the caller asked for.
    /// </summary>
    private static bool IsRunFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private void LogPlan(string runId, SyncPlan plan)
    {
        foreach (var watchlist in plan.Watchlists)
        {
            Log.WatchlistPlanned(logger, runId, watchlist.Alias, watchlist.Adds.Count, watchlist.Updates.Count,
                watchlist.Expiries.Count, watchlist.Duplicates.Count, watchlist.Unchanged, watchlist.SkippedExpired);
            if (watchlist.UnreadableRows > 0)
            {
                Log.UnreadableRows(logger, runId, watchlist.Alias, watchlist.UnreadableRows);
            }
        }
    }

    private void LogForcedRemovals(string runId, SyncPlan plan)
    {
        foreach (var watchlist in plan.Watchlists.Where(watchlist => watchlist.Expiries.Count > 0))
        {
            Log.RemovalForced(logger, runId, watchlist.Alias, watchlist.Expiries.Count, watchlist.ManagedIndicators);
        }
    }

    /// <summary>The fixed facts of one run, and how to turn its outcome into a report.</summary>
    private sealed class RunContext(SyncRequest request, TimeProvider timeProvider, ISentinelWorkspace workspace)
    {
        private readonly long startTimestamp = timeProvider.GetTimestamp();
        private readonly WorkspaceCallCounts callsBefore = workspace.GetCallCounts();

        public SyncRequest Request { get; } = request;

        public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

        public DateTimeOffset AsOf => Request.AsOf ?? StartedAt;

        public SyncReport Report(SyncOutcome outcome, string? reason, SourceSummary source, SyncPlan? plan, AppliedChanges? applied, Exception? error = null)
        {
            return new SyncReport
            {
                RunId = Request.RunId,
                Outcome = outcome,
                Reason = reason,
                Error = error,
                StartedAt = StartedAt,
                AsOf = AsOf,
                Source = source,
                Watchlists = plan is null ? [] : SyncReportBuilder.Summaries(plan, applied),
                Changes = plan is not null && Request.IncludeChanges ? SyncReportBuilder.Changes(plan) : null,
                Arm = SyncReportBuilder.ArmCalls(workspace.GetCallCounts().Since(callsBefore)),
                DryRun = Request.DryRun,
                DurationMs = (long)timeProvider.GetElapsedTime(startTimestamp).TotalMilliseconds,
            };
        }
    }
}
