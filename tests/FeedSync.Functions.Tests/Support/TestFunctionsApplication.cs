using Azure.Core;
using FeedSync.Functions.Hosting;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// Builds the Functions app as Program.cs does, with test settings and with every outbound path of the
/// composition kept on this machine.
/// </summary>
internal static class TestFunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(IDictionary<string, string?> settings)
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);

        // Registered first, so the app keeps it and no test creates a DefaultAzureCredential.
        builder.Services.AddSingleton<TokenCredential>(new ThrowingTokenCredential());
        return builder;
    }

    /// <summary>
    /// Runs the app's start-up, then turns off the Application Insights modules that contact Azure on their own:
    /// the instance metadata module calls 169.254.169.254, and live metrics and the channel call Microsoft's
    /// endpoints. The connection string points at a closed loopback port instead.
    /// </summary>
    public static FunctionsApplicationBuilder ConfigureForTests(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFeedSyncFunctions();

        string closedEndpoint = $"http://127.0.0.1:{LoopbackPorts.Free()}/";
        builder.Services.Configure<ApplicationInsightsServiceOptions>(options =>
        {
            options.ConnectionString =
                $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint={closedEndpoint};LiveEndpoint={closedEndpoint}";
            options.EnableAzureInstanceMetadataTelemetryModule = false;
            options.EnableAppServicesHeartbeatTelemetryModule = false;
            options.EnableHeartbeat = false;
            options.EnableQuickPulseMetricStream = false;
            options.EnablePerformanceCounterCollectionModule = false;
            options.EnableEventCounterCollectionModule = false;
            options.EnableDependencyTrackingTelemetryModule = false;
        });
        return builder;
    }
}
