using FeedSync.Functions.Hosting;
using FeedSync.Normalisation;
using FeedSync.Sync;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Runs;

/// <summary>
/// Builds the sync request of a run: the live ThreatFox API, the days and filter from the ingestion settings
/// and the dry-run setting of the app, each replaced by the run's override when it has one.
/// </summary>
internal sealed class SyncRequestFactory(IOptions<IngestionOptions> ingestion, IOptions<FunctionsOptions> functions)
{
    public SyncRequest Create(string runId, SyncOverrides overrides)
    {
        IngestionOptions configured = ingestion.Value;
        IndicatorFilter filter = configured.ToFilter();
        return new SyncRequest
        {
            RunId = runId,
            Source = IngestRequest.ThreatFoxSource,
            Days = overrides.Days ?? configured.Days,
            DryRun = overrides.DryRun ?? functions.Value.DryRun,
            Filter = overrides.Families is null ? filter : filter with { Families = overrides.Families },
        };
    }
}
