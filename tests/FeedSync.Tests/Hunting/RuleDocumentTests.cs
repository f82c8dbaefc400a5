using FeedSync.Hunting;
using FeedSync.Normalisation;
using Markdig.Extensions.Tables;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class RuleDocumentTests
{
    [Test]
    public void Remcos_Title_NamesFamily()
    {
        // Act
        var probe = Render(HuntingTestData.RemcosIndicators, "Remcos");

        // Assert
        Assert.That(MarkdownProbe.TextOf(probe.Headings[0]), Is.EqualTo("ThreatFox: Remcos IOCs"));
        Assert.That(probe.Headings[0].Level, Is.EqualTo(1));
    }

    [Test]
    public void Remcos_Document_CarriesRuleFacts()
    {
        // Act
        var markdown = RuleDocumentWriter.Write(HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos"));

        // Assert
        RemcosFacts.AssertDocument(markdown);
    }

    [Test]
    public void Remcos_Summary_ListsFamilyTotalAndTypes()
    {
        // Act
        var summary = Rows(Render(HuntingTestData.RemcosIndicators, "Remcos").Tables[0]);

        // Assert
        Assert.That(summary["Malware family"], Is.EqualTo("Remcos (win.remcos)"));
        Assert.That(summary["Total IOCs"], Is.EqualTo("3"));
        Assert.That(summary["IOC types"], Is.EqualTo("3 ip:port"));
        Assert.That(summary["Distinct addresses"], Is.EqualTo("124[.]198[.]132[.]98, 31[.]76[.]93[.]14"));
        Assert.That(summary["MITRE ATT&CK techniques"], Is.EqualTo("T1071, T1219"));
    }

    [Test]
    public void Remcos_IndicatorTable_HasDefangedRows()
    {
        // Act
        var table = Render(HuntingTestData.RemcosIndicators, "Remcos").Tables[1];

        // Assert
        Assert.That(Cells(table).Select(row => string.Join(" | ", row)), Is.EqualTo(new List<string>
        {
            "Type | Value | Threat type | First seen | Confidence",
            "ip:port | 124[.]198[.]132[.]98:2414 | botnet_cc | 2026-05-26 | 75%",
            "ip:port | 124[.]198[.]132[.]98:2424 | botnet_cc | 2026-05-26 | 75%",
            "ip:port | 31[.]76[.]93[.]14:1337 | botnet_cc | 2026-05-26 | 75%",
        }));
    }

    [Test]
    public void Remcos_Queries_AreFencedKusto()
    {
        // Arrange
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");

        // Act
        var probe = new MarkdownProbe(RuleDocumentWriter.Write(content));

        // Assert
        var kusto = probe.CodeBlocks.Where(block => block.Info == "kusto").Select(MarkdownProbe.CodeOf).ToList();
        Assert.That(kusto.Take(content.Queries.Count), Is.EqualTo(content.Queries.Select(query => query.Query)));
    }

    [Test]
    public void Remcos_Document_HasNoLinksOrMarkup()
    {
        // Act
        var probe = Render(HuntingTestData.RemcosIndicators, "Remcos");

        // Assert
        Assert.That(probe.Markup, Is.Empty);
    }

    [Test]
    public void Urls_Document_DefangsSchemeAndHost()
    {
        // Arrange
        var url = HuntingTestData.Create(IndicatorKind.Url, "https://cdn.evil.example/load.php?id=", HuntingTestData.Remcos, "payload_delivery", HuntingTestData.RemcosFirstSeen);

        // Act
        var table = Render([url], "Remcos").Tables[1];

        // Assert
        Assert.That(Cells(table)[1][1], Is.EqualTo("hxxps://cdn[.]evil[.]example/load.php?id="));
    }

    [Test]
    public void NoExclusions_SaysSo()
    {
        // Act
        var markdown = RuleDocumentWriter.Write(HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options =>
        {
            foreach (var profile in ExclusionProfiles.Defaults)
            {
                options.Exclusions[profile.Name] = new ExclusionProfileOptions { Enabled = false };
            }
        }));

        // Assert
        Assert.That(markdown, Does.Contain("No exclusion profile is enabled, so the queries exclude nothing."));
    }

    [Test]
    public void DnsTable_ExclusionNotApplicable_IsNamed()
    {
        // Arrange
        var domain = HuntingTestData.Create(IndicatorKind.Domain, "evil.example", HuntingTestData.Remcos, "botnet_cc", HuntingTestData.RemcosFirstSeen);

        // Act
        var markdown = RuleDocumentWriter.Write(HuntingTestData.Family([domain], "Remcos"));

        // Assert
        Assert.That(markdown, Does.Contain("Not applied to DnsEvents, which has none of the fields the filter needs."));
    }

    [Test]
    public void FamilyNameInjection_StaysText()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var family = new MalwareFamily("win.hostile", hostile, [hostile]);
            var indicator = HuntingTestData.Ip("198.51.100.7", 443, family, HuntingTestData.RemcosFirstSeen);

            // Act
            var probe = Render([indicator], "win.hostile");

            // Assert
            AssertStructure(probe, indicators: 1, hostile);
            Assert.That(MarkdownProbe.TextOf(probe.Headings[0]), Is.EqualTo($"ThreatFox: {HuntingContentBuilder.DisplayNameOf(family)} IOCs"), hostile);
        }
    }

    [Test]
    public void TagInjection_StaysText()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var indicator = HuntingTestData.Ip("198.51.100.7", 443, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen) with { Tags = [hostile] };

            // Act
            var probe = Render([indicator], "Remcos");

            // Assert
            AssertStructure(probe, indicators: 1, hostile);
            Assert.That(Rows(probe.Tables[0])["Tags"], Is.EqualTo(Visible(hostile)), hostile);
        }
    }

    [Test]
    public void IocValueInjection_StaysText()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var domain = HuntingTestData.Create(IndicatorKind.Domain, hostile, HuntingTestData.Remcos, hostile, HuntingTestData.RemcosFirstSeen);

            // Act
            var probe = Render([domain], "Remcos", HuntingQueryStyle.Inline);

            // Assert
            AssertStructure(probe, indicators: 1, hostile);
            var row = Cells(probe.Tables[1])[1];
            Assert.That(row[1], Is.EqualTo(Visible(hostile.Replace(".", "[.]", StringComparison.Ordinal))), hostile);
            Assert.That(row[2], Is.EqualTo(Visible(hostile)), hostile);
        }
    }

    private static void AssertStructure(MarkdownProbe probe, int indicators, string hostile)
    {
        Assert.That(probe.Markup, Is.Empty, hostile);
        Assert.That(probe.Html, Does.Not.Contain("<script"), hostile);
        Assert.That(probe.Headings[0].Level, Is.EqualTo(1), hostile);
        Assert.That(probe.Headings.Count(heading => heading.Level == 1), Is.EqualTo(1), hostile);
        Assert.That(probe.Headings.Where(heading => heading.Level == 2).Select(MarkdownProbe.TextOf), Is.EqualTo(new List<string>
        {
            "IOC summary", "Indicators", "Queries", "Tables and data connectors", "False-positive scenarios",
        }), hostile);
        Assert.That(probe.Tables, Has.Count.EqualTo(3), hostile);
        Assert.That(Cells(probe.Tables[1]), Has.Count.EqualTo(indicators + 1), hostile);
        Assert.That(Cells(probe.Tables[1]).Select(row => row.Length), Is.All.EqualTo(5), hostile);
        Assert.That(Cells(probe.Tables[0]).Select(row => row.Length), Is.All.EqualTo(2), hostile);
    }

    /// <summary>Returns <paramref name="text"/> as a rule document shows it: hidden characters named as (U+XXXX).</summary>
    private static string Visible(string text)
    {
        var visible = new System.Text.StringBuilder();
        for (var index = 0; index < text.Length; index++)
        {
            var category = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text, index);
            var isPair = char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
            if (category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                or System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                visible.Append(System.Globalization.CultureInfo.InvariantCulture, $"(U+{(int)text[index]:X4})");
                continue;
            }

            visible.Append(text[index]);
            if (isPair)
            {
                visible.Append(text[++index]);
            }
        }

        return visible.ToString();
    }

    private static MarkdownProbe Render(IReadOnlyList<Indicator> indicators, string family, HuntingQueryStyle style = HuntingQueryStyle.Watchlist) =>
        new(RuleDocumentWriter.Write(HuntingTestData.Family(indicators, family, options => options.Style = style)));

    private static List<string[]> Cells(Table table) =>
        [.. table.OfType<TableRow>().Select(row => row.OfType<TableCell>().Select(MarkdownProbe.CellText).ToArray())];

    private static Dictionary<string, string> Rows(Table table) =>
        Cells(table).Skip(1).ToDictionary(row => row[0], row => row[1], StringComparer.Ordinal);
}
