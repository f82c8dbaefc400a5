using FeedSync.Cli;
using FeedSync.Cli.Commands;

namespace FeedSync.Tests.Cli;

[TestFixture]
internal sealed class CliConfigurationTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("feedsync-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Build_MalformedSettingsFile_NamesFileLineAndPosition()
    {
        // Arrange: line 2 has a property without a value.
        File.WriteAllText(Path.Combine(directory, CliConfiguration.SettingsFile), "{\n  \"FeedSync\": \n}");

        // Act
        var exception = Assert.Throws<CliConfigurationException>(() => CliConfiguration.Build(directory));

        // Assert
        Assert.That(exception.Message, Does.Contain(Path.Combine(directory, CliConfiguration.SettingsFile)));
        Assert.That(exception.Message, Does.Contain("line 3, position 1"));
        Assert.That(exception.Message, Does.Not.Contain("LineNumber"));
        Assert.That(exception.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void Build_SettingsFileWithCommentsAndBom_IsRead()
    {
        // Arrange
        File.WriteAllText(Path.Combine(directory, CliConfiguration.SettingsFile), "\uFEFF{ // comment\n \"FeedSync\": { \"Sync\": { \"AliasPrefix\": \"X\" }, }, }");

        // Act
        var configuration = CliConfiguration.Build(directory);

        // Assert
        Assert.That(configuration["FeedSync:Sync:AliasPrefix"], Is.EqualTo("X"));
    }

    [Test]
    public void Build_DuplicateKey_RaisesConfigurationError()
    {
        // Arrange
        File.WriteAllText(Path.Combine(directory, CliConfiguration.SettingsFile), "{ \"a\": 1, \"A\": 2 }");

        // Act
        var exception = Assert.Throws<CliConfigurationException>(() => CliConfiguration.Build(directory));

        // Assert
        Assert.That(exception.Message, Does.Contain(CliConfiguration.SettingsFile));
    }
}
