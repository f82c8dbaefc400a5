using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeedSync.Sync;

/// <summary>Registers the sync.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISyncRunner"/> and binds <see cref="SyncOptions"/> to <c>FeedSync:Sync</c>, validated at start.
    /// The feed defaults to the ThreatFox ingest pipeline, which <c>AddFeedSyncIngestion</c> registers; a host may register
    /// its own <see cref="IIndicatorFeed"/> first. The host must also register an <see cref="Workspace.ISentinelWorkspace"/>.
    /// </summary>
    public static IServiceCollection AddFeedSyncSync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SyncOptions>()
            .Bind(configuration.GetSection(SyncOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIndicatorFeed, IngestIndicatorFeed>();
        services.TryAddSingleton<SyncPlanner>();
        services.TryAddSingleton<SyncApplier>();
        services.TryAddSingleton<SyncRunner>();
        services.TryAddSingleton<ISyncRunner>(provider => provider.GetRequiredService<SyncRunner>());
        return services;
    }
}
