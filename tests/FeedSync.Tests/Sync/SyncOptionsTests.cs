using FeedSync.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Tests.Sync;

[TestFixture]
internal sealed class SyncOptionsTests
{
    [Test]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = new SyncOptionsValidator().Validate(null, new SyncOptions());

        // Assert
        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("AliasPrefix", "Threat Fox", "FeedSync:Sync:AliasPrefix")]
    [TestCase("Granularity", "00:00:10", "FeedSync:Sync:Granularity")]
    [TestCase("Granularity", "60.00:00:00", "shortest retention")]
    [TestCase("Retention:Ip", "00:10:00", "FeedSync:Sync:Retention:Ip")]
    [TestCase("RemovalThresholdPercent", "120", "FeedSync:Sync:RemovalThresholdPercent")]
    [TestCase("BulkRequestMaxBytes", "5000000", "FeedSync:Sync:BulkRequestMaxBytes")]
    [TestCase("MaxParallelWrites", "0", "FeedSync:Sync:MaxParallelWrites")]
    [TestCase("MaxWritesPerSecond", "-1", "FeedSync:Sync:MaxWritesPerSecond")]
    public void Resolve_InvalidSetting_NamesSetting(string key, string value, string expected)
    {
        // Arrange
        using var provider = Provider(new Dictionary<string, string?> { [$"FeedSync:Sync:{key}"] = value });

        // Act
        var resolve = () => provider.GetRequiredService<IOptions<SyncOptions>>().Value;

        // Assert
        Assert.That(resolve, Throws.TypeOf<OptionsValidationException>().With.Message.Contains(expected));
    }

    [Test]
    public void Bind_RetentionInDays_ReadsDays()
    {
        // Arrange
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["FeedSync:Sync:Retention:Ip"] = "7",
            ["FeedSync:Sync:Retention:FileHash"] = "730.00:00:00",
            ["FeedSync:Sync:AliasPrefix"] = "Intel_TF",
        });

        // Act
        var options = provider.GetRequiredService<IOptions<SyncOptions>>().Value;

        // Assert
        Assert.That(options.Retention.Ip, Is.EqualTo(TimeSpan.FromDays(7)));
        Assert.That(options.Retention.FileHash, Is.EqualTo(TimeSpan.FromDays(730)));
        Assert.That(options.Retention.Domain, Is.EqualTo(TimeSpan.FromDays(90)));
        Assert.That(options.AliasPrefix, Is.EqualTo("Intel_TF"));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddFeedSyncSync(configuration);
        return services.BuildServiceProvider();
    }
}
