using System.Text;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.ThreatFox;

[TestFixture]
internal sealed class FeedFormatDetectorTests
{
    [TestCase("{\n    \"1856791\": [\n", ThreatFoxFeedFormat.ExportJson)]
    [TestCase("{}", ThreatFoxFeedFormat.ExportJson)]
    [TestCase("{\"query_status\": \"ok\", \"data\": []}", ThreatFoxFeedFormat.ApiResponse)]
    [TestCase("{ \"data\": [], \"query_status\": \"ok\" }", ThreatFoxFeedFormat.ApiResponse)]
    [TestCase("{\"id\":\"841508\",\"ioc\":\"1.2.3.4:80\"}\n{\"id\":\"2\"}", ThreatFoxFeedFormat.Ndjson)]
    [TestCase("################\n# ThreatFox IOCs\n", ThreatFoxFeedFormat.ExportCsv)]
    [TestCase("\"2026-04-12 04:49:28\", \"1784524\"", ThreatFoxFeedFormat.ExportCsv)]
    [TestCase("\uFEFF{\"query_status\":\"ok\"}", ThreatFoxFeedFormat.ApiResponse)]
    [TestCase("first_seen_utc,ioc_id,ioc_value,ioc_type,threat_type,fk_malware,malware_alias,malware_printable,last_seen_utc,confidence_level,is_compromised,reference,tags,anonymous,reporter\r\n", ThreatFoxFeedFormat.ExportCsv)]
    [TestCase("2026-04-12 04:49:28,1784524,1.2.3.4:80,ip:port,botnet_cc,win.remcos,,Remcos,,75,False,,Remcos,0,abuse_ch", ThreatFoxFeedFormat.ExportCsv)]
    [TestCase("  \r\n {}", ThreatFoxFeedFormat.ExportJson)]
    public void Detect_Content_ReturnsFormat(string content, ThreatFoxFeedFormat expected)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(content);

        // Act
        var format = FeedFormatDetector.Detect(bytes, "test");

        // Assert
        Assert.That(format, Is.EqualTo(expected));
    }

    [Test]
    public void Detect_ZipSignature_ReturnsZip()
    {
        // Arrange
        using var zip = FeedContent.Zip(("full.json", "{}"));

        // Act
        var format = FeedFormatDetector.Detect(zip.ToArray(), "test");

        // Assert
        Assert.That(format, Is.EqualTo(ThreatFoxFeedFormat.Zip));
    }

    [TestCase("", "is empty (0 bytes)")]
    [TestCase("   \n\t ", "contains only whitespace")]
    [TestCase("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "HTML")]
    [TestCase("<html>", "error page")]
    [TestCase("ioc,type\n1.2.3.4,ip", "starts with 'ioc,type'")]
    [TestCase("[{\"ioc\":\"x\"}]", "is not a ThreatFox export or API response")]
    public void Detect_UnreadableContent_ThrowsNamingSource(string content, string expectedText)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(content);

        // Act
        var exception = Assert.Throws<FeedFormatException>(() => FeedFormatDetector.Detect(bytes, "feed.json"));

        // Assert
        Assert.That(exception.Message, Does.Contain("'feed.json'"));
        Assert.That(exception.Message, Does.Contain(expectedText));
        Assert.That(exception.Message, Does.Contain("Nothing was imported"));
    }

    [Test]
    public void Detect_Utf16Bom_ThrowsWithFix()
    {
        // Arrange
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{}")).ToArray();

        // Act
        var exception = Assert.Throws<FeedFormatException>(() => FeedFormatDetector.Detect(bytes, "feed.json"));

        // Assert
        Assert.That(exception.Message, Does.Contain("UTF-16"));
    }
}
