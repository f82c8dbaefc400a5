using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Hosting;

/// <summary>The start-up of the Functions app, shared by Program.cs and the tests that build its services.</summary>
public static class FunctionsApplicationBuilderExtensions
{
    private const string ApplicationInsightsProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// Configures the worker for ASP.NET Core HTTP triggers, Application Insights as the isolated worker
    /// expects it, and every FeedSync service.
    /// </summary>
    public static FunctionsApplicationBuilder ConfigureFeedSyncFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureFunctionsWebApplication();

        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // The Application Insights provider comes with a rule that drops everything below Warning; removing
        // it leaves the levels to host.json and the Logging configuration section.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            LoggerFilterRule? warningOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (warningOnly is not null)
            {
                options.Rules.Remove(warningOnly);
            }
        });

        builder.Services.AddFeedSyncFunctionsApp(builder.Configuration);
        return builder;
    }
}
