using System.Text;
using FeedSync.Sentinel.Workspace;

namespace FeedSync.Tests.Sentinel.Workspace;

[TestFixture]
internal sealed class CsvUploadSplitterTests
{
    [Test]
    public void Split_SmallCsv_IsOnePart()
    {
        var parts = CsvUploadSplitter.Split("Indicator,Port\n1.2.3.4,443\n5.6.7.8,80\n", 1000);

        Assert.That(parts, Has.Count.EqualTo(1));
        Assert.That(parts[0], Is.EqualTo("Indicator,Port\n1.2.3.4,443\n5.6.7.8,80\n"));
    }

    [Test]
    public void Split_LargeCsv_RepeatsHeaderAndRespectsLimit()
    {
        var csv = new StringBuilder("Indicator,Port\n");
        for (var index = 0; index < 50; index++)
        {
            csv.Append("10.0.0.").Append(index).Append(",443\n");
        }

        var parts = CsvUploadSplitter.Split(csv.ToString(), 100);

        Assert.That(parts, Has.Count.GreaterThan(1));
        Assert.That(parts, Has.All.StartWith("Indicator,Port\n"));
        Assert.That(parts.Select(part => Encoding.UTF8.GetByteCount(part)), Has.All.LessThanOrEqualTo(100));
        Assert.That(parts.Sum(part => part.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1), Is.EqualTo(50));
    }

    [Test]
    public void Split_QuotedLineBreak_StaysInOneRecord()
    {
        const string row = "\"http://a.example/x\ny\",1\n";

        var parts = CsvUploadSplitter.Split("Url,Port\n" + row + row, 40);

        Assert.That(parts, Has.Count.EqualTo(2));
        Assert.That(parts[0], Is.EqualTo("Url,Port\n" + row));
    }

    [Test]
    public void Split_HeaderOnly_IsNoPart()
    {
        Assert.That(CsvUploadSplitter.Split("Indicator,Port\n", 1000), Is.Empty);
    }

    [Test]
    public void Split_RowAboveLimit_NamesRow()
    {
        var exception = Assert.Throws<ArgumentException>(() => CsvUploadSplitter.Split("Indicator\nshort\n" + new string('x', 200) + "\n", 100));

        Assert.That(exception!.Message, Does.Contain("row 2"));
    }

    [Test]
    public void Split_LastRowWithoutLineBreak_IsKept()
    {
        var parts = CsvUploadSplitter.Split("Indicator\r\n1.2.3.4\r\n5.6.7.8", 1000);

        Assert.That(parts.Single(), Is.EqualTo("Indicator\r\n1.2.3.4\r\n5.6.7.8"));
    }
}
