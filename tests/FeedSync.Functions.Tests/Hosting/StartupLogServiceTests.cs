using FeedSync.Functions.Hosting;
using FeedSync.Functions.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Functions.Tests.Hosting;

[TestFixture]
internal sealed class StartupLogServiceTests
{
    [Test]
    public async Task Start_LogsScheduleWithoutKey()
    {
        CapturingLoggerProvider logs = new();
        using ILoggerFactory factory = logs.CreateFactory();
        FakeTimeProvider time = new(new DateTimeOffset(2025, 12, 4, 20, 11, 0, TimeSpan.Zero));
        FunctionsOptions options = new() { Schedule = "0 0 * * * *" };
        StartupLogService service = new(
            Options.Create(options), TestConfiguration.Build(TestConfiguration.ValidSettings()), time, factory.CreateLogger<StartupLogService>());

        await service.StartAsync(CancellationToken.None);

        string message = logs.Entries.Single().Message;
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("'0 0 * * * *'"));
            Assert.That(message, Does.Contain("2025-12-04T21:00:00"));
            Assert.That(message, Does.Contain("law-sentinel"));
            Assert.That(message, Does.Contain("ThreatFox key configured True"));
            Assert.That(message, Does.Not.Contain(TestConfiguration.ThreatFoxKey));
        });
    }
}
