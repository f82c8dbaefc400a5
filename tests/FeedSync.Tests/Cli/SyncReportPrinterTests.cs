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

    [Test]
    public void Write_OnlyHuntingChanged_DoesNotClaimNothingWritten()
    {
        // Arrange
        var report = Report(SyncOutcome.Succeeded) with { Hunting = new HuntingChangeSummary(4, 4, 0, 0), Arm = new ArmCallSummary(9, 8, 0, 0, 0) };
        using var output = new StringWriter();

        // Act
        SyncReportPrinter.Write(output, report, "sample.json", "local emulator");

        // Assert
        Assert.That(output.ToString(), Does.Not.Contain("nothing needed writing"));
        Assert.That(output.ToString(), Does.Contain("Sync finished."));
    }

    [Test]
    public void Write_NothingChanged_SaysNothingNeededWriting()
    {
        // Arrange
        var report = Report(SyncOutcome.Succeeded) with { Hunting = new HuntingChangeSummary(0, 0, 0, 8) };
        using var output = new StringWriter();

        // Act
        SyncReportPrinter.Write(output, report, "sample.json", "local emulator");

        // Assert
        Assert.That(output.ToString(), Does.Contain("nothing needed writing"));
    }

    [Test]
    public void Write_SourceNotRead_PrintsNoCounts()
    {
        // Arrange: a run stopped by the lock before it read the source.
        var report = Report(SyncOutcome.Stopped) with { Reason = "Another sync is running.", SourceRead = false };
        using var output = new StringWriter();

        // Act
        SyncReportPrinter.Write(output, report, "sample.json", "local emulator");

        // Assert
        Assert.That(output.ToString(), Does.Contain("Source sample.json: not read"));
        Assert.That(output.ToString(), Does.Not.Contain("0 records"));
    }

    private static SyncReport Report(SyncOutcome outcome) => new()
    {
        RunId = "run-1",
        Outcome = outcome,
        StartedAt = DateTimeOffset.UnixEpoch,
        AsOf = DateTimeOffset.UnixEpoch,
        Source = new SourceSummary(3, 3, 0, 3),
        Watchlists = [new WatchlistChangeSummary("ThreatFox-IP", 0, 0, 0, 3)],
        Arm = new ArmCallSummary(5, 0, 0, 0, 0),
        DryRun = false,
        DurationMs = 1,
    };
}
