using System.Text.Json;
using Azure.Data.Tables;
using FeedSync.Functions.Hosting;
using FeedSync.Functions.Runs;
using FeedSync.Functions.Tests.Support;
using FeedSync.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Functions.Tests.Runs;

/// <summary>The Table storage run history against Azurite.</summary>
[TestFixture]
internal sealed class TableRunHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 12, 4, 20, 0, 0, TimeSpan.Zero);

    private TableClient table = null!;
    private TableRunHistory history = null!;

    [SetUp]
    public async Task SetUp()
    {
        AzuriteServer azurite = await SharedAzurite.GetAsync();
        table = new TableClient(azurite.ConnectionString, SharedAzurite.UniqueName("runs"));
        history = new TableRunHistory(table, NullLogger<TableRunHistory>.Instance);
    }

    [Test]
    public async Task Save_ThenGet_ReturnsEqualRecord()
    {
        SyncRunRecord saved = Record(Start, SyncRunStatus.Succeeded);

        await history.SaveAsync(saved);
        SyncRunRecord? loaded = await history.GetAsync(saved.RunId);

        Assert.That(Json(loaded), Is.EqualTo(Json(saved)));
    }

    [Test]
    public async Task List_ReturnsNewestFirstAndHonoursCount()
    {
        SyncRunRecord[] records = [Record(Start.AddHours(1)), Record(Start), Record(Start.AddHours(2)), Record(Start.AddMilliseconds(1))];
        foreach (SyncRunRecord record in records)
        {
            await history.SaveAsync(record);
        }

        IReadOnlyList<SyncRunRecord> listed = await history.ListAsync(3);

        Assert.That(listed.Select(record => record.StartedAt), Is.EqualTo(new[] { Start.AddHours(2), Start.AddHours(1), Start.AddMilliseconds(1) }));
    }

    [Test]
    public async Task Save_SameRun_ReplacesRecord()
    {
        SyncRunRecord running = Record(Start, SyncRunStatus.Running) with { Report = null };
        await history.SaveAsync(running);

        SyncRunRecord finished = running with { Status = SyncRunStatus.Failed, Error = "ARM answered 403.", CompletedAt = Start.AddMinutes(1) };
        await history.SaveAsync(finished);

        IReadOnlyList<SyncRunRecord> listed = await history.ListAsync(10);
        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(1));
            Assert.That(listed[0].Status, Is.EqualTo(SyncRunStatus.Failed));
            Assert.That(listed[0].Error, Is.EqualTo("ARM answered 403."));
        });
    }

    [Test]
    public async Task Save_LargeSummary_SplitsAndRoundTrips()
    {
        SyncRunRecord large = Record(Start) with { Report = Reports.Succeeded("x", watchlists: 1_500) };
        large = large with { Report = large.Report! with { RunId = large.RunId } };

        await history.SaveAsync(large);
        SyncRunRecord? loaded = await history.GetAsync(large.RunId);
        TableEntity entity = await table.GetEntityAsync<TableEntity>(RunRecordEntity.PartitionKey, RunRecordEntity.RowKeyOf(large.RunId)!);

        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(large.Report, FunctionsJson.Options).Length, Is.GreaterThan(RunRecordEntity.MaxCharsPerProperty));
            Assert.That(entity.GetInt32("SummaryParts"), Is.GreaterThan(1));
            Assert.That(entity.GetString("Summary"), Has.Length.LessThanOrEqualTo(RunRecordEntity.MaxCharsPerProperty));
            Assert.That(Json(loaded), Is.EqualTo(Json(large)));
            Assert.That(loaded?.ReportTruncated, Is.False);
        });
    }

    [Test]
    public async Task Save_HugeSummary_KeepsTotals()
    {
        SyncRunRecord huge = Record(Start) with { Report = Reports.Succeeded("x", watchlists: 8_000) };

        await history.SaveAsync(huge);
        SyncRunRecord? loaded = await history.GetAsync(huge.RunId);

        Assert.Multiple(() =>
        {
            Assert.That(loaded?.ReportTruncated, Is.True);
            Assert.That(loaded?.Report?.Watchlists, Is.Empty);
            Assert.That(loaded?.Report?.Arm, Is.EqualTo(huge.Report!.Arm));
            Assert.That(loaded?.Report?.Source, Is.EqualTo(huge.Report.Source));
        });
    }

    [Test]
    public async Task Get_UnknownOrMalformedId_ReturnsNull()
    {
        await history.SaveAsync(Record(Start));

        Assert.Multiple(async () =>
        {
            Assert.That(await history.GetAsync(SyncRunIds.Create(Start.AddDays(-1))), Is.Null);
            Assert.That(await history.GetAsync("not-a-run"), Is.Null);
        });
    }

    [Test]
    public async Task ReadBeforeFirstRun_TableMissing_ReturnsNothing()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await history.ListAsync(5), Is.Empty);
            Assert.That(await history.GetAsync(SyncRunIds.Create(Start)), Is.Null);
        });
    }

    [Test]
    public async Task MarkAbandoned_MarksOtherRunningRecordsOnly()
    {
        SyncRunRecord crashed = Record(Start, SyncRunStatus.Running) with { Report = null };
        SyncRunRecord finished = Record(Start.AddMinutes(1), SyncRunStatus.Succeeded);
        SyncRunRecord current = Record(Start.AddMinutes(2), SyncRunStatus.Running) with { Report = null };
        foreach (SyncRunRecord record in new[] { crashed, finished, current })
        {
            await history.SaveAsync(record);
        }

        IReadOnlyList<string> abandoned = await history.MarkAbandonedAsync(current.RunId);

        Assert.Multiple(async () =>
        {
            Assert.That(abandoned, Is.EqualTo(new[] { crashed.RunId }));
            Assert.That((await history.GetAsync(crashed.RunId))?.Status, Is.EqualTo(SyncRunStatus.Abandoned));
            Assert.That((await history.GetAsync(crashed.RunId))?.Error, Does.Contain("lease expired"));
            Assert.That((await history.GetAsync(finished.RunId))?.Status, Is.EqualTo(SyncRunStatus.Succeeded));
            Assert.That((await history.GetAsync(current.RunId))?.Status, Is.EqualTo(SyncRunStatus.Running));
        });
    }

    private static SyncRunRecord Record(DateTimeOffset startedAt, SyncRunStatus status = SyncRunStatus.Succeeded)
    {
        string runId = SyncRunIds.Create(startedAt);
        return new SyncRunRecord
        {
            RunId = runId,
            Trigger = SyncRunTrigger.Http,
            Status = status,
            StartedAt = startedAt,
            CompletedAt = status == SyncRunStatus.Running ? null : startedAt.AddSeconds(4),
            Days = 3,
            Families = ["win.remcos", "Lumma Stealer"],
            DryRun = true,
            Report = Reports.Succeeded(runId) with { DryRun = true, Outcome = SyncOutcome.Succeeded },
        };
    }

    private static string Json(SyncRunRecord? record) => JsonSerializer.Serialize(record, FunctionsJson.Options);
}
