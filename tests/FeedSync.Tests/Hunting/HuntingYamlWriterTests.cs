using FeedSync.Hunting;
using FeedSync.Normalisation;
using YamlDotNet.RepresentationModel;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class HuntingYamlWriterTests
{
    private static readonly string[] HuntingQueryKeys =
        ["id", "name", "description", "requiredDataConnectors", "tactics", "relevantTechniques", "query", "entityMappings", "version"];

    [Test]
    public void Remcos_Keys_FollowRepositoryLayout()
    {
        // Act
        var root = Parse(RemcosQuery("DeviceNetworkEvents"));

        // Assert
        Assert.That(root.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EqualTo(HuntingQueryKeys));
    }

    [Test]
    public void Remcos_Values_RoundTrip()
    {
        // Arrange
        var query = RemcosQuery("DeviceNetworkEvents");

        // Act
        var root = Parse(query);

        // Assert
        Assert.That(Scalar(root, "id"), Is.EqualTo(query.Id.ToString("D")));
        Assert.That(Scalar(root, "name"), Is.EqualTo("ThreatFox: Remcos IOCs (DeviceNetworkEvents)"));
        Assert.That(Scalar(root, "description"), Is.EqualTo(query.Description));
        Assert.That(Scalar(root, "query"), Is.EqualTo(query.Query));
        Assert.That(Scalar(root, "version"), Is.EqualTo("1.0.0"));
        Assert.That(Sequence(root, "tactics"), Is.EqualTo(new List<string> { "CommandAndControl" }));
        Assert.That(Sequence(root, "relevantTechniques"), Is.EqualTo(new List<string> { "T1071", "T1219" }));
    }

    [Test]
    public void Remcos_Connectors_NameTable()
    {
        // Act
        var root = Parse(RemcosQuery("CommonSecurityLog"));

        // Assert
        var connectors = ((YamlSequenceNode)root["requiredDataConnectors"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.That(connectors.Select(connector => ((YamlScalarNode)connector["connectorId"]).Value), Is.EqualTo(new List<string> { "CefAma", "CEF" }));
        Assert.That(connectors.Select(connector => Sequence(connector, "dataTypes")), Has.All.EqualTo(new List<string> { "CommonSecurityLog" }));
    }

    [Test]
    public void Remcos_EntityMappings_UseOutputColumns()
    {
        // Arrange
        var query = RemcosQuery("DeviceNetworkEvents");

        // Act
        var root = Parse(query);

        // Assert
        var mappings = ((YamlSequenceNode)root["entityMappings"]).Children.Cast<YamlMappingNode>()
            .SelectMany(entity => ((YamlSequenceNode)entity["fieldMappings"]).Children.Cast<YamlMappingNode>().Select(field =>
                $"{Scalar(entity, "entityType")}.{Scalar(field, "identifier")}={Scalar(field, "columnName")}"))
            .ToList();
        Assert.That(mappings, Is.EqualTo(new List<string> { "Host.HostName=DeviceName", "IP.Address=RemoteIP" }));
        Assert.That(query.Query, Does.Contain("| project Timestamp, DeviceName, RemoteIP,"));
    }

    [Test]
    public void FamilyNameInjection_RoundTrips()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var family = new MalwareFamily("win.hostile", hostile, []);
            var query = HuntingTestData.Family([HuntingTestData.Ip("198.51.100.7", 443, family, HuntingTestData.RemcosFirstSeen)], "win.hostile").Queries[0];

            // Act
            var root = Parse(query);

            // Assert
            Assert.That(root.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EqualTo(HuntingQueryKeys), hostile);
            Assert.That(Scalar(root, "name"), Is.EqualTo(query.Name), hostile);
            Assert.That(Scalar(root, "description"), Is.EqualTo(query.Description), hostile);
        }
    }

    [Test]
    public void IocValueInjection_QueryRoundTrips()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var url = HuntingTestData.Create(IndicatorKind.Url, hostile, HuntingTestData.Remcos, "payload_delivery", HuntingTestData.RemcosFirstSeen);
            var query = HuntingTestData.Family([url], "Remcos", options => options.Style = HuntingQueryStyle.Inline).Queries[0];

            // Act
            var root = Parse(query);

            // Assert
            Assert.That(Scalar(root, "query"), Is.EqualTo(query.Query), hostile);
            Assert.That(HuntingYamlWriter.Write(query), Does.Contain("query: |-\n"), hostile);
        }
    }

    [Test]
    public void TagInjection_DoesNotReachYaml()
    {
        foreach (var hostile in HuntingTestData.HostileStrings)
        {
            // Arrange
            var tagged = HuntingTestData.Ip("198.51.100.7", 443, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen) with { Tags = [hostile] };
            var query = HuntingTestData.Family([tagged], "Remcos").Queries[0];

            // Act
            var root = Parse(query);

            // Assert
            Assert.That(root.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EqualTo(HuntingQueryKeys), hostile);
            Assert.That(Scalar(root, "query"), Is.EqualTo(query.Query), hostile);
        }
    }

    [TestCase("plain", "plain")]
    [TestCase("true", "\"true\"")]
    [TestCase("No", "\"No\"")]
    [TestCase("null", "\"null\"")]
    [TestCase("1.0", "\"1.0\"")]
    [TestCase("2026-05-26", "\"2026-05-26\"")]
    [TestCase("a: b", "\"a: b\"")]
    [TestCase("- item", "\"- item\"")]
    [TestCase("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"")]
    [TestCase("tab\there", "\"tab\\u0009here\"")]
    [TestCase("é😀", "\"\\u00E9\\U0001F600\"")]
    public void Scalar_Value_QuotesWhenNeeded(string value, string expected)
    {
        // Act
        var scalar = YamlText.Scalar(value);

        // Assert
        Assert.That(scalar, Is.EqualTo(expected));
    }

    [Test]
    public void Scalar_LoneSurrogate_BecomesReplacementCharacter()
    {
        // Act
        var scalar = YamlText.Scalar("a\ud800b");

        // Assert
        Assert.That(scalar, Is.EqualTo("\"a\\uFFFDb\""));
    }

    [Test]
    public void Block_NonAsciiText_FallsBackToQuoted()
    {
        // Act
        var block = YamlText.Block("a\u0007b", 2);

        // Assert
        Assert.That(block, Is.EqualTo("\"a\\u0007b\""));
    }

    private static HuntingQuery RemcosQuery(string table) =>
        HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos").Queries.First(query => query.Table == table);

    private static YamlMappingNode Parse(HuntingQuery query)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(HuntingYamlWriter.Write(query)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value;

    private static List<string?> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Children.Cast<YamlScalarNode>().Select(item => item.Value)];
}
