using FeedSync.Normalisation;
using FeedSync.ThreatFox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ThreatFox ingestion with dependency injection.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ThreatFoxClient"/> (options from <c>FeedSync:ThreatFox</c>, validated on start),
    /// <see cref="IngestionOptions"/> (from <c>FeedSync:Ingestion</c>, validated on start), and <see cref="IngestPipeline"/> as
    /// itself and as <see cref="IIngestPipeline"/>. A <see cref="TimeProvider"/> already registered is used;
    /// otherwise the system clock is.
    /// </summary>
    public static IServiceCollection AddFeedSyncIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ThreatFoxClientOptions>()
            .Bind(configuration.GetSection(ThreatFoxClientOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThreatFoxClientOptions>, ThreatFoxClientOptionsValidator>());

        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>>(
            new IngestionOptionsValidator(configuration.GetSection(IngestionOptions.SectionName))));

        // The client bounds each query with its own timeouts, so HttpClient's 100-second default must not cut
        // a long body short.
        services.AddHttpClient<ThreatFoxClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddTransient<IngestPipeline>(provider => new IngestPipeline(
            provider.GetRequiredService<ThreatFoxClient>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<Microsoft.Extensions.Logging.ILogger<IngestPipeline>>()));
        services.TryAddTransient<IIngestPipeline>(provider => provider.GetRequiredService<IngestPipeline>());
        return services;
    }
}
