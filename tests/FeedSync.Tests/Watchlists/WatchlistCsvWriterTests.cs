using System.Text;
using FeedSync.Tests.Sync;
using FeedSync.Watchlists;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class WatchlistCsvWriterTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase(" padded ", "\" padded \"")]
    [TestCase("", "")]
    public void Quote_Cell_Rfc4180(string cell, string expected)
    {
        // Act
        var quoted = WatchlistCsvWriter.Quote(cell);

        // Assert
        Assert.That(quoted, Is.EqualTo(expected));
    }

    [Test]
    public void WriteDocuments_HostileCells_ReadBackAndNeutralised()
    {
        // Arrange
        var columns = new Dictionary<string, string>(Columns(TestIndicators.Domain("example.com")))
        {
            [WatchlistColumns.Tags] = "=1+1,\"quoted\"",
            [WatchlistColumns.Reference] = "https://example.org/a,b",
        };

        // Act
        var document = WatchlistCsvWriter.WriteDocuments([columns], 100_000).Single();
        var rows = CsvReader.ReadWithHeader(document.Text);

        // Assert
        Assert.That(document.Text, Does.StartWith(string.Join(',', WatchlistColumns.All) + "\n"));
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0][WatchlistColumns.Tags], Is.EqualTo("'=1+1,\"quoted\""));
        Assert.That(rows[0][WatchlistColumns.Reference], Is.EqualTo("https://example.org/a,b"));
        Assert.That(rows[0][WatchlistColumns.Indicator], Is.EqualTo("example.com"));
    }

    [Test]
    public void WriteDocuments_OverLimit_SplitsUnderLimitKeepingEveryRow()
    {
        // Arrange
        var indicators = TestIndicators.ManyIps(500, TestIndicators.FirstSeen);
        var rows = indicators.Select(Columns).ToList();
        const int limit = 20_000;

        // Act
        var documents = WatchlistCsvWriter.WriteDocuments(rows, limit).ToList();
        var readBack = documents.SelectMany(document => CsvReader.ReadWithHeader(document.Text)).ToList();

        // Assert
        Assert.That(documents, Has.Count.GreaterThan(1));
        Assert.That(documents.Select(document => Encoding.UTF8.GetByteCount(document.Text)), Has.All.LessThan(limit));
        Assert.That(documents.Select(document => document.Bytes), Is.EqualTo(documents.Select(document => Encoding.UTF8.GetByteCount(document.Text))));
        Assert.That(documents.Sum(document => document.Rows), Is.EqualTo(500));
        Assert.That(readBack.Select(row => row[WatchlistColumns.IndicatorId]), Is.EqualTo(rows.Select(row => row[WatchlistColumns.IndicatorId])));
    }

    [Test]
    public void WriteDocuments_RowLargerThanLimit_Throws()
    {
        // Arrange
        var columns = new Dictionary<string, string>(Columns(TestIndicators.Domain("example.com")))
        {
            [WatchlistColumns.Tags] = new string('x', 5_000),
        };

        // Act
        var write = () => WatchlistCsvWriter.WriteDocuments([columns], 4_096).ToList();

        // Assert
        Assert.That(write, Throws.ArgumentException.With.Message.Contains("example.com"));
    }

    private static IReadOnlyDictionary<string, string> Columns(FeedSync.Normalisation.Indicator indicator) =>
        IndicatorRowMapper.ToColumns(IndicatorRowMapper.FromIndicator(indicator, Day, TimeSpan.FromDays(30)));
}
