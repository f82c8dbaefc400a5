using System.Text.Json.Nodes;

namespace FeedSync.Tests.Emulator;

[TestFixture]
internal sealed class JsonShapeTests
{
    [Test]
    public void Differences_MissingProperty_Reported()
    {
        // Act
        var differences = JsonShape.Differences(JsonNode.Parse("""{"a":{"b":1}}"""), JsonNode.Parse("""{"a":{}}"""), exact: false);

        // Assert
        Assert.That(differences, Is.EqualTo((string[])["$.a.b: missing"]));
    }

    [Test]
    public void Differences_ExtraPropertyInExactMode_Reported()
    {
        // Act
        var differences = JsonShape.Differences(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("""{"a":2,"c":true}"""), exact: true);

        // Assert
        Assert.That(differences, Is.EqualTo((string[])["$.c: not in the expected document"]));
    }

    [Test]
    public void Differences_KindMismatch_Reported()
    {
        // Act
        var differences = JsonShape.Differences(JsonNode.Parse("""{"rows":[["1"]]}"""), JsonNode.Parse("""{"rows":[[1]]}"""), exact: false);

        // Assert
        Assert.That(differences, Has.Count.EqualTo(1));
        Assert.That(differences[0], Does.Contain("expected string, got number"));
    }

    [Test]
    public void Differences_SameShapeOtherValues_NoneReported()
    {
        // Act
        var differences = JsonShape.Differences(
            JsonNode.Parse("""{"value":[{"id":"x","n":1,"tags":[]}]}"""),
            JsonNode.Parse("""{"value":[{"id":"y","n":2,"tags":[]},{"id":"z","n":3,"tags":[]}]}"""),
            exact: true);

        // Assert
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void Differences_IgnoredPath_Skipped()
    {
        // Act
        var differences = JsonShape.Differences(
            JsonNode.Parse("""{"value":[{"id":"x","etag":"e"}]}"""),
            JsonNode.Parse("""{"value":[{"id":"y"}]}"""),
            exact: true,
            new HashSet<string> { "$.value[].etag" });

        // Assert
        Assert.That(differences, Is.Empty);
    }
}
