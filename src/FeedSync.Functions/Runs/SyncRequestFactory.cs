using FeedSync.Functions.Hosting;
using FeedSync.Normalisation;
using FeedSync.Sync;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Runs;

/// <summary>Builds the sync request of a run from the configured values and the run's overrides.</summary>
internal sealed class SyncRequestFactory(IOptions<FunctionsOptions> options)
{
    public SyncRequest Create(string runId, SyncOverrides overrides)
    {
        FunctionsOptions configured = options.Value;
        return new SyncRequest
        {
            RunId = runId,
            Source = "threatfox",
            Days = overrides.Days ?? configured.Days,
            DryRun = overrides.DryRun ?? configured.DryRun,
            Filter = IndicatorFilter.None with { Families = overrides.Families ?? configured.GetFamilies() },
        };
    }
}
