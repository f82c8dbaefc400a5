using FeedSync.Functions.Runs;

namespace FeedSync.Functions.Tests.Runs;

[TestFixture]
internal sealed class SyncRunIdsTests
{
    [Test]
    public void Create_RoundTripsStartTimeToTheMillisecond()
    {
        DateTimeOffset startedAt = new(2025, 12, 4, 20, 11, 0, 123, TimeSpan.FromHours(1));

        string runId = SyncRunIds.Create(startedAt);
        bool parsed = SyncRunIds.TryParse(runId, out DateTimeOffset parsedStart, out string suffix);

        Assert.Multiple(() =>
        {
            Assert.That(runId, Does.Match("^20251204T191100123Z-[0-9a-f]{8}$"));
            Assert.That(parsed, Is.True);
            Assert.That(parsedStart, Is.EqualTo(startedAt));
            Assert.That(suffix, Has.Length.EqualTo(8));
        });
    }

    [TestCase("")]
    [TestCase("not-a-run")]
    [TestCase("20251204T191100123Z-9F1C2A3B")]
    [TestCase("20251304T191100123Z-9f1c2a3b")]
    [TestCase("20251204T191100123Z_9f1c2a3b")]
    [TestCase("20251204T191100123Z-9f1c2a3")]
    [TestCase("../../etc/passwd")]
    public void TryParse_NotARunId_ReturnsFalse(string text)
    {
        Assert.That(SyncRunIds.TryParse(text, out _, out _), Is.False);
    }

    [Test]
    public void RowKey_NewerRun_SortsFirst()
    {
        string older = SyncRunIds.Create(new DateTimeOffset(2025, 12, 4, 20, 0, 0, TimeSpan.Zero));
        string newer = SyncRunIds.Create(new DateTimeOffset(2025, 12, 4, 20, 0, 0, 1, TimeSpan.Zero));

        string olderKey = RunRecordEntity.RowKeyOf(older)!;
        string newerKey = RunRecordEntity.RowKeyOf(newer)!;

        Assert.That(string.CompareOrdinal(newerKey, olderKey), Is.Negative);
    }
}
