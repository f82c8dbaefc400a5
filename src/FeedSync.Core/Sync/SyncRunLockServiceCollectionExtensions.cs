using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FeedSync.Sync;

/// <summary>Registers the single-run guard of hosts that run on one machine, such as the command line.</summary>
public static class SyncRunLockServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the registered <see cref="ISyncRunner"/> with one that runs a sync only while it holds the lock file
    /// at <paramref name="lockFilePath"/>; a second run against the same lock file returns a
    /// <see cref="SyncOutcome.Stopped"/> report naming the run that holds it. Call after <c>AddFeedSyncSync</c>.
    /// </summary>
    public static IServiceCollection AddFeedSyncRunLock(this IServiceCollection services, string lockFilePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(lockFilePath);

        services.Replace(ServiceDescriptor.Singleton<ISyncRunner>(provider => new ExclusiveSyncRunner(
            provider.GetRequiredService<SyncRunner>(),
            lockFilePath,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ExclusiveSyncRunner>>())));
        return services;
    }
}
