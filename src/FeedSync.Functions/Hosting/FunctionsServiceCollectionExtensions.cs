using Azure.Core;
using FeedSync.Functions.Locking;
using FeedSync.Functions.Runs;
using FeedSync.Functions.Storage;
using FeedSync.Sentinel.Workspace;
using FeedSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Hosting;

/// <summary>Registers the Functions app's services.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds everything the Functions app runs: the sync and the parts it uses, plus the app's own services.
    /// Program.cs calls this after the Functions worker and Application Insights registrations.
    /// </summary>
    public static IServiceCollection AddFeedSyncFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The same parts, in the same order, as the command line's composition.
        services.AddFeedSyncIngestion(configuration);
        services.AddSentinelWorkspace(configuration);
        services.AddFeedSyncHunting();
        services.AddFeedSyncSync(configuration);
        return services.AddFeedSyncFunctions(configuration);
    }

    /// <summary>
    /// Adds the app's own services: validated <see cref="FunctionsOptions"/>, the blob-lease sync lock, the
    /// Table storage run history and the run coordinator. The sync itself (<c>ISyncRunner</c>) comes from
    /// <see cref="AddFeedSyncFunctionsApp"/>.
    /// </summary>
    public static IServiceCollection AddFeedSyncFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FunctionsOptions>()
            .Bind(configuration.GetSection(FunctionsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FunctionsOptions>, FunctionsOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AppStorageClients(configuration, provider.GetService<TokenCredential>()));

        services.TryAddSingleton<ISyncLock>(CreateSyncLock);
        services.TryAddSingleton<IRunHistory>(CreateRunHistory);
        services.TryAddSingleton<SyncRequestFactory>();
        services.TryAddScoped<SyncCoordinator>();
        services.AddHostedService<StartupLogService>();
        return services;
    }

    private static BlobSyncLock CreateSyncLock(IServiceProvider services)
    {
        FunctionsOptions options = services.GetRequiredService<IOptions<FunctionsOptions>>().Value;
        BlobSyncLockSettings settings = new(
            options.LeaseBlob,
            TimeSpan.FromSeconds(options.LeaseDurationSeconds),
            TimeSpan.FromSeconds(options.LeaseRenewalSeconds));
        return new BlobSyncLock(
            services.GetRequiredService<AppStorageClients>().CreateBlobContainerClient(options.LeaseContainer),
            settings,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<BlobSyncLock>>());
    }

    private static TableRunHistory CreateRunHistory(IServiceProvider services)
    {
        FunctionsOptions options = services.GetRequiredService<IOptions<FunctionsOptions>>().Value;
        return new TableRunHistory(
            services.GetRequiredService<AppStorageClients>().CreateTableClient(options.RunHistoryTable),
            services.GetRequiredService<ILogger<TableRunHistory>>());
    }
}
