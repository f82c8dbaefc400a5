using FeedSync.Sentinel.Workspace;
using FeedSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Cli.Composition;

/// <summary>Composes the services of a command in one place: logging, clock, ingestion, workspace, hunting and sync.</summary>
internal static class CliServices
{
    /// <summary>
    /// Builds the service provider and runs every start-up validation, so that a configuration error surfaces as an
    /// <see cref="OptionsValidationException"/> before any work starts. With <paramref name="runLockFile"/>, a sync
    /// runs only while it holds that lock file.
    /// </summary>
    public static ServiceProvider Build(IConfiguration configuration, CliContext context, bool verbose, string? runLockFile = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(context);

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddCliConsole(verbose));
        services.AddSingleton(TimeProvider.System);

        services.AddFeedSyncIngestion(configuration);
        services.AddSentinelWorkspace(configuration);
        services.AddFeedSyncHunting();
        services.AddFeedSyncSync(configuration);
        if (runLockFile is not null)
        {
            services.AddFeedSyncRunLock(runLockFile);
        }

        context.OverrideServices?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}
