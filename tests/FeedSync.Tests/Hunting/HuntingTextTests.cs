using FeedSync.Hunting;
using FeedSync.Normalisation;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class HuntingTextTests
{
    [TestCase(IndicatorKind.Ip, "124.198.132.98", 2414, "124[.]198[.]132[.]98:2414")]
    [TestCase(IndicatorKind.Ip, "198.51.100.7", null, "198[.]51[.]100[.]7")]
    [TestCase(IndicatorKind.Ip, "2a02:cf40:1::5", 40669, "[2a02:cf40:1::5]:40669")]
    [TestCase(IndicatorKind.Domain, "xn--8drr43dbqh.jpn.com", null, "xn--8drr43dbqh[.]jpn[.]com")]
    [TestCase(IndicatorKind.Url, "http://malaikahlowry33.top", null, "hxxp://malaikahlowry33[.]top")]
    [TestCase(IndicatorKind.Url, "https://a.example:8443/x.php?id=1.2", null, "hxxps://a[.]example:8443/x.php?id=1.2")]
    [TestCase(IndicatorKind.Sha256, "abc", null, "abc")]
    public void Defang_Value_IsSafeToShow(IndicatorKind kind, string value, int? port, string expected)
    {
        // Arrange
        var indicator = HuntingTestData.Create(kind, value, HuntingTestData.Remcos, "botnet_cc", HuntingTestData.RemcosFirstSeen) with { Port = port };

        // Act
        var defanged = Defang.Value(indicator);

        // Assert
        Assert.That(defanged, Is.EqualTo(expected));
    }

    [TestCase("Remcos", "Remcos")]
    [TestCase("a*b_c", @"a\*b\_c")]
    [TestCase("<b>&", @"\<b\>\&")]
    [TestCase("[x](y)", @"\[x\](y)")]
    [TestCase("http://evil.example", @"http:\/\/evil.example")]
    [TestCase("www.evil.example", @"www\.evil.example")]
    [TestCase("a|b", @"a\|b")]
    [TestCase("a\nb", @"a\(U+000A\)b")]
    [TestCase("\u202e", @"\(U+202E\)")]
    public void Escape_Text_NeutralisesMarkup(string text, string expected)
    {
        // Act
        var escaped = MarkdownText.Escape(text);

        // Assert
        Assert.That(escaped, Is.EqualTo(expected));
    }

    [TestCase("botnet_cc", "`botnet_cc`")]
    [TestCase("a`b", "``a`b``")]
    [TestCase("`x`", "`` `x` ``")]
    [TestCase(" x ", "`  x  `")]
    [TestCase("", "(empty)")]
    [TestCase("a\tb", "`a(U+0009)b`")]
    public void Code_Text_IsOneSpan(string text, string expected)
    {
        // Act
        var code = MarkdownText.Code(text, inTable: false);

        // Assert
        Assert.That(code, Is.EqualTo(expected));
    }

    [Test]
    public void Code_PipeInTable_IsEscapedProse()
    {
        // Act
        var code = MarkdownText.Code("a|b", inTable: true);

        // Assert
        Assert.That(code, Is.EqualTo(@"a\|b"));
    }

    [Test]
    public void CodeBlock_TripleBackticks_UsesLongerFence()
    {
        // Act
        var block = MarkdownText.CodeBlock("x ``` y", "kusto");

        // Assert
        Assert.That(block, Is.EqualTo("````kusto\nx ``` y\n````"));
    }

    [TestCase("ThreatFox: Remcos IOCs (DeviceNetworkEvents, address only)", "threatfox-remcos-iocs-devicenetworkevents-address-only")]
    [TestCase("../../etc/passwd", "etc-passwd")]
    [TestCase("中文", "hunting")]
    public void SlugOf_Title_IsSafeFileName(string title, string expected)
    {
        // Act
        var slug = HuntingFiles.SlugOf(title);

        // Assert
        Assert.That(slug, Is.EqualTo(expected));
    }

    [Test]
    public void Render_SameSlug_GetsNumberedNames()
    {
        // Arrange
        var first = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");
        var second = first with { ScopeKey = "win.remcos2" };

        // Act
        var files = HuntingFiles.Render([first, second], HuntingContentFormat.Markdown);

        // Assert
        Assert.That(files.Select(file => file.Name), Is.EqualTo(new List<string> { "threatfox-remcos-iocs.md", "threatfox-remcos-iocs-2.md" }));
    }

    [Test]
    public async Task WriteAsync_Kql_WritesOneFilePerQuery()
    {
        // Arrange
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");
        var folder = Path.Combine(Path.GetTempPath(), $"feedsync-hunting-{Guid.NewGuid():N}");

        try
        {
            // Act
            var paths = await HuntingFiles.WriteAsync([content], HuntingContentFormat.Kql, folder);

            // Assert
            Assert.That(paths.Select(Path.GetFileName), Is.EqualTo(new List<string>
            {
                "threatfox-remcos-iocs-commonsecuritylog.kql",
                "threatfox-remcos-iocs-commonsecuritylog-address-only.kql",
                "threatfox-remcos-iocs-devicenetworkevents.kql",
                "threatfox-remcos-iocs-devicenetworkevents-address-only.kql",
            }));
            Assert.That(await File.ReadAllTextAsync(paths[0]), Is.EqualTo(content.Queries[0].Query + "\n"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
