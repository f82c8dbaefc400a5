using FeedSync.Cli.Commands;
using FeedSync.Sync;

namespace FeedSync.Tests.Cli;

[TestFixture]
internal sealed class SyncReportPrinterTests
{
    [Test]
    public void Write_AsOfWithOffset_PrintsUtc()
    {
        // Arrange
        var asOf = new DateTimeOffset(2026, 6, 25, 23, 0, 0, TimeSpan.FromHours(-5));
        var report = new SyncReport
        {
            RunId = "run-1",
            Outcome = SyncOutcome.Succeeded,
            StartedAt = asOf,
            AsOf = asOf,
            Source = new SourceSummary(3, 3, 0, 3),
            Watchlists = [],
            Arm = new ArmCallSummary(0, 0, 0, 0, 0),
            DryRun = true,
            DurationMs = 1,
        };
        using var output = new StringWriter();

        // Act
        SyncReportPrinter.Write(output, report, "sample.json", "local emulator");

        // Assert
        Assert.That(output.ToString(), Does.Contain("expiry as of 2026-06-26T04:00:00Z"));
    }
}
