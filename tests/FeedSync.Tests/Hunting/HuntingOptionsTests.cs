using FeedSync.Hunting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class HuntingOptionsTests
{
    [Test]
    public void Validate_Defaults_Succeed()
    {
        // Act
        var result = new HuntingOptionsValidator().Validate(null, new HuntingOptions());

        // Assert
        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase(0)]
    [TestCase(10_001)]
    public void Validate_InlineMaxOutOfRange_NamesSetting(int max)
    {
        // Act
        var result = new HuntingOptionsValidator().Validate(null, new HuntingOptions { InlineMaxIndicators = max });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:Hunting:InlineMaxIndicators"));
    }

    [TestCase("")]
    [TestCase("Threat Fox")]
    [TestCase("-ThreatFox")]
    [TestCase("Threat'Fox")]
    public void Validate_BadAliasPrefix_NamesSetting(string prefix)
    {
        // Act
        var result = new HuntingOptionsValidator().Validate(null, new HuntingOptions { WatchlistAliasPrefix = prefix });

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:Hunting:WatchlistAliasPrefix"));
    }

    [Test]
    public void Validate_BlankFamily_NamesSetting()
    {
        // Act
        var result = new HuntingOptionsValidator().Validate(null, new HuntingOptions { Families = ["win.remcos", " "] });

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:Hunting:Families has an empty entry"));
    }

    [Test]
    public void Validate_ProfileNameWithCommentBreak_Fails()
    {
        // Arrange
        var options = new HuntingOptions();
        options.Exclusions["Bad\nName"] = new ExclusionProfileOptions { Scenario = "x", ProcessNames = ["a.exe"] };

        // Act
        var result = new HuntingOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("the profile name is invalid"));
    }

    [Test]
    public void Validate_NewProfileWithoutScenario_Fails()
    {
        // Arrange
        var options = new HuntingOptions();
        options.Exclusions["Backup"] = new ExclusionProfileOptions { ProcessNames = ["veeam.exe"] };

        // Act
        var result = new HuntingOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:Hunting:Exclusions:Backup:Scenario is missing"));
    }

    [Test]
    public void Validate_NewProfileExcludingNothing_Fails()
    {
        // Arrange
        var options = new HuntingOptions();
        options.Exclusions["Backup"] = new ExclusionProfileOptions { Scenario = "Backups copy files." };

        // Act
        var result = new HuntingOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("FeedSync:Hunting:Exclusions:Backup excludes nothing"));
    }

    [Test]
    public void Validate_BuiltInProfileDisabled_Succeeds()
    {
        // Arrange
        var options = new HuntingOptions();
        options.Exclusions["adminremoteaccess"] = new ExclusionProfileOptions { Enabled = false };

        // Act
        var result = new HuntingOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Resolve_Defaults_FiveProfilesInOrder()
    {
        // Act
        var profiles = ExclusionProfiles.Resolve(new HuntingOptions());

        // Assert
        Assert.That(profiles.Select(profile => profile.Name), Is.EqualTo(new List<string>
        {
            "ScheduledMaintenance", "AdminRemoteAccess", "LogCollectors", "SoftwareDeployment", "NetworkMonitoring",
        }));
    }

    [Test]
    public void Resolve_NewProfile_ComesAfterBuiltIns()
    {
        // Arrange
        var options = new HuntingOptions();
        options.Exclusions["Backup"] = new ExclusionProfileOptions { Scenario = "Backups copy files.", ProcessNames = ["veeam.exe"] };

        // Act
        var profiles = ExclusionProfiles.Resolve(options);

        // Assert
        Assert.That(profiles[^1].Name, Is.EqualTo("Backup"));
        Assert.That(profiles[^1].ProcessNames, Is.EqualTo(new List<string> { "veeam.exe" }));
    }

    [Test]
    public void AddFeedSyncHunting_BindsConfiguration()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:Hunting:Style"] = "Inline",
            ["FeedSync:Hunting:InlineMaxIndicators"] = "250",
            ["FeedSync:Hunting:Families:0"] = "win.remcos",
            ["FeedSync:Hunting:Exclusions:AdminRemoteAccess:Enabled"] = "false",
            ["FeedSync:Hunting:Exclusions:NetworkMonitoring:NetworkInterfaces:0"] = "span0",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFeedSyncHunting().BuildServiceProvider();

        // Act
        var options = provider.GetRequiredService<IOptions<HuntingOptions>>().Value;
        var profiles = ExclusionProfiles.Resolve(options);

        // Assert
        Assert.That(options.Style, Is.EqualTo(HuntingQueryStyle.Inline));
        Assert.That(options.InlineMaxIndicators, Is.EqualTo(250));
        Assert.That(options.Families, Is.EqualTo(new List<string> { "win.remcos" }));
        Assert.That(profiles.Select(profile => profile.Name), Has.None.EqualTo("AdminRemoteAccess"));
        Assert.That(profiles.Single(profile => profile.Name == "NetworkMonitoring").NetworkInterfaces, Is.EqualTo(new List<string> { "span0" }));
        Assert.That(profiles.Single(profile => profile.Name == "NetworkMonitoring").ProcessNames, Does.Contain("wireshark.exe"));
    }

    [Test]
    public void AddFeedSyncHunting_InvalidValue_Throws()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeedSync:Hunting:InlineMaxIndicators"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFeedSyncHunting().BuildServiceProvider();

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<HuntingOptions>>().Value);

        // Assert
        Assert.That(exception!.Message, Does.Contain("FeedSync:Hunting:InlineMaxIndicators is 0"));
    }

    [Test]
    public void AddFeedSyncHunting_RegistersBuilder()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddFeedSyncHunting().BuildServiceProvider();

        // Act
        var builder = provider.GetRequiredService<HuntingContentBuilder>();

        // Assert
        Assert.That(builder.Build(HuntingTestData.RemcosIndicators).Scopes, Has.Count.EqualTo(1));
    }
}
