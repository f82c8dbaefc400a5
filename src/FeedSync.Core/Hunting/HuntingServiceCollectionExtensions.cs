using FeedSync.Hunting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the hunting content services.</summary>
public static class HuntingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="HuntingOptions"/> bound from <c>FeedSync:Hunting</c> and validated at start-up,
    /// <see cref="HuntingContentBuilder"/> and <see cref="HuntingPublisher"/>. The publisher needs an
    /// <see cref="FeedSync.Workspace.ISentinelWorkspace"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddFeedSyncHunting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<HuntingOptions>()
            .BindConfiguration(HuntingOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HuntingOptions>, HuntingOptionsValidator>());
        services.TryAddSingleton<HuntingContentBuilder>();
        services.TryAddTransient<HuntingPublisher>();
        return services;
    }
}
