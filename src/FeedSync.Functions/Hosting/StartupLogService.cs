using FeedSync.Functions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Hosting;

/// <summary>Logs the effective schedule and workspace once at start-up; the ThreatFox key only as configured or not.</summary>
internal sealed class StartupLogService(
    IOptions<FunctionsOptions> options,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<StartupLogService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        string schedule = options.Value.Schedule ?? string.Empty;
        DateTime? next = NcrontabExpression.TryParse(schedule, out _)?.GetNextOccurrence(timeProvider.GetUtcNow().UtcDateTime);
        bool keyConfigured = !string.IsNullOrWhiteSpace(configuration[AppSettingNames.ThreatFoxApiKey]);

        Log.Started(logger, schedule, next is null ? null : new DateTimeOffset(next.Value, TimeSpan.Zero),
            configuration[AppSettingNames.SentinelWorkspaceName] ?? string.Empty, keyConfigured);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
