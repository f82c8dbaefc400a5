using FeedSync.Normalisation;
using Microsoft.Extensions.Configuration;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class IngestionOptionsValidatorTests
{
    [Test]
    public void Validate_KnownValues_Succeeds()
    {
        // Arrange
        var (validator, options) = Bind(new()
        {
            ["FeedSync:Ingestion:ThreatTypes:0"] = "BOTNET_CC",
            ["FeedSync:Ingestion:ThreatTypes:1"] = "payload",
            ["FeedSync:Ingestion:Kinds:0"] = "ip",
            ["FeedSync:Ingestion:Kinds:1"] = "Sha3_384",
            ["FeedSync:Ingestion:MaxAge"] = "7.00:00:00",
        });

        // Act
        var result = validator.Validate(name: null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_UnknownThreatType_FailsNamingKey()
    {
        // Arrange
        var (validator, options) = Bind(new() { ["FeedSync:Ingestion:ThreatTypes:0"] = "botnet_cc", ["FeedSync:Ingestion:ThreatTypes:1"] = "nope" });

        // Act
        var result = validator.Validate(name: null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.One.StartsWith("FeedSync:Ingestion:ThreatTypes:1 is 'nope'"));
    }

    [Test]
    public void Validate_KindTheBinderSkipped_Fails()
    {
        // Arrange: the binder leaves Kinds empty, which would keep every kind.
        var (validator, options) = Bind(new() { ["FeedSync:Ingestion:Kinds:0"] = "ipv9" });

        // Act
        var result = validator.Validate(name: null, options);

        // Assert
        Assert.That(options.Kinds, Is.Empty);
        Assert.That(result.Failures, Has.One.StartsWith("FeedSync:Ingestion:Kinds:0 is 'ipv9', which is not an indicator kind; use one of Ip, Domain, Url"));
    }

    [TestCase("Kinds", "Ip,Domain")]
    [TestCase("ThreatTypes", "botnet_cc")]
    [TestCase("Families", "win.remcos")]
    public void Validate_ListAsSingleValue_Fails(string list, string value)
    {
        // Arrange
        var (validator, options) = Bind(new() { [$"FeedSync:Ingestion:{list}"] = value });

        // Act
        var result = validator.Validate(name: null, options);

        // Assert
        Assert.That(result.Failures, Has.One.Contains($"FeedSync:Ingestion:{list}:0 (environment variable FeedSync__Ingestion__{list}__0)"));
    }

    [Test]
    public void Validate_NegativeMaxAge_Fails()
    {
        // Arrange
        var (validator, options) = Bind(new() { ["FeedSync:Ingestion:MaxAge"] = "-00:30:00" });

        // Act
        var result = validator.Validate(name: null, options);

        // Assert
        Assert.That(result.Failures, Has.One.StartsWith("FeedSync:Ingestion:MaxAge is -00:30:00"));
    }

    private static (IngestionOptionsValidator Validator, IngestionOptions Options) Bind(Dictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(IngestionOptions.SectionName);
        return (new IngestionOptionsValidator(section), section.Get<IngestionOptions>() ?? new IngestionOptions());
    }
}
