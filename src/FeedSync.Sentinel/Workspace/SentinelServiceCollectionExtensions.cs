using Azure.Core;
using Azure.Identity;
using FeedSync.Sentinel.LogAnalytics;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Sentinel.Workspace;

/// <summary>Registers the Sentinel workspace and its clients.</summary>
public static class SentinelServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>FeedSync:Sentinel</c> to <see cref="SentinelWorkspaceOptions"/> (validated at start) and
    /// registers <see cref="SentinelClient"/>, <see cref="LogAnalyticsQueryClient"/>,
    /// <see cref="SentinelWorkspace"/> and <see cref="ISentinelWorkspace"/> as singletons.
    /// </summary>
    /// <remarks>
    /// Credentials: in emulator mode (see <see cref="SentinelWorkspaceOptions.UseEmulator"/>) a placeholder
    /// token; otherwise a <see cref="TokenCredential"/> registered in the container, else
    /// <see cref="DefaultAzureCredential"/> for the configured cloud. A <see cref="TimeProvider"/> and an
    /// <see cref="ILoggerFactory"/> are taken from the container when registered.
    /// </remarks>
    public static IServiceCollection AddSentinelWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SentinelWorkspaceOptions>()
            .Bind(configuration.GetSection(SentinelWorkspaceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SentinelWorkspaceOptions>, SentinelWorkspaceOptionsValidator>());

        services.TryAddSingleton(CreateClient);
        services.TryAddSingleton(provider => provider.GetRequiredService<SentinelClient>().GetLogAnalyticsQueryClient());
        services.TryAddSingleton(provider => new SentinelWorkspace(
            provider.GetRequiredService<SentinelClient>(),
            SentinelWorkspaceConfiguration.ParseWorkspaceId(provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value)));
        services.TryAddSingleton<ISentinelWorkspace>(provider => provider.GetRequiredService<SentinelWorkspace>());
        return services;
    }

    private static SentinelClient CreateClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value;
        var timeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggerFactory = provider.GetService<ILoggerFactory>();
        var credential = SentinelWorkspaceConfiguration.IsEmulator(options)
            ? new EmulatorTokenCredential(timeProvider)
            : provider.GetService<TokenCredential>() ?? SentinelWorkspaceConfiguration.CreateDefaultCredential(options);

        return new SentinelClient(
            SentinelWorkspaceConfiguration.CreateResourceId(options),
            credential,
            SentinelWorkspaceConfiguration.CreateClientOptions(options, timeProvider, loggerFactory));
    }
}
