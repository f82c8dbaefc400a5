using FeedSync.Functions.Hosting;
using FeedSync.Functions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Tests.Hosting;

[TestFixture]
internal sealed class FunctionsOptionsValidatorTests
{
    [Test]
    public void Validate_ValidSettings_Succeeds()
    {
        ValidateOptionsResult result = Validate(TestConfiguration.ValidSettings());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_MissingSchedule_NamesSetting()
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings.Remove("FeedSync:Functions:Schedule");

        ValidateOptionsResult result = Validate(settings);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("FeedSync:Functions:Schedule is missing"));
            Assert.That(result.FailureMessage, Does.Contain("FeedSync__Functions__Schedule"));
            Assert.That(result.FailureMessage, Does.Contain("0 0 * * * *"));
        });
    }

    [TestCase("0 0 * * *", "5 fields")]
    [TestCase("0 0 * * * * *", "7 fields")]
    [TestCase("61 0 * * * *", "61")]
    [TestCase("0 0 25 * * *", "25")]
    [TestCase("every hour", "2 fields")]
    [TestCase("00:05:00", "1 fields")]
    [TestCase("0 0 0 1 13 *", "13")]
    public void Validate_InvalidSchedule_NamesSettingAndValue(string schedule, string reason)
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings["FeedSync:Functions:Schedule"] = schedule;

        ValidateOptionsResult result = Validate(settings);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain($"FeedSync:Functions:Schedule '{schedule}' is not a valid NCRONTAB schedule"));
            Assert.That(result.FailureMessage, Does.Contain(reason));
        });
    }

    [TestCase("0 */5 * * * *")]
    [TestCase("0 30 9 * * 1-5")]
    [TestCase("0 0 0 1 * *")]
    [TestCase("0 0 */6 * * Mon")]
    public void Validate_ValidSchedule_Succeeds(string schedule)
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings["FeedSync:Functions:Schedule"] = schedule;

        Assert.That(Validate(settings).Succeeded, Is.True);
    }

    [Test]
    public void Validate_MissingThreatFoxKey_NamesIt()
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings["FeedSync:ThreatFox:ApiKey"] = " ";

        ValidateOptionsResult result = Validate(settings);

        Assert.Multiple(() =>
        {
            Assert.That(result.FailureMessage, Does.Contain("FeedSync:ThreatFox:ApiKey is missing"));
            Assert.That(result.FailureMessage, Does.Contain("FeedSync__ThreatFox__ApiKey"));
        });
    }

    [Test]
    public void Validate_MissingStorage_NamesAzureWebJobsStorage()
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings.Remove("AzureWebJobsStorage");

        ValidateOptionsResult result = Validate(settings);

        Assert.That(result.FailureMessage, Does.Contain("AzureWebJobsStorage is missing"));
    }

    [Test]
    public void Validate_IdentityBasedStorage_Succeeds()
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings.Remove("AzureWebJobsStorage");
        settings["AzureWebJobsStorage:blobServiceUri"] = "https://stfeedsync.blob.core.windows.net";
        settings["AzureWebJobsStorage:tableServiceUri"] = "https://stfeedsync.table.core.windows.net";

        Assert.That(Validate(settings).Succeeded, Is.True);
    }

    [TestCase("LeaseDurationSeconds", "90", "FeedSync:Functions:LeaseDurationSeconds is 90")]
    [TestCase("LeaseRenewalSeconds", "31", "FeedSync:Functions:LeaseRenewalSeconds is 31")]
    [TestCase("RunHistoryTable", "feed-sync", "RunHistoryTable 'feed-sync' is not a valid table name")]
    [TestCase("LeaseContainer", " ", "FeedSync:Functions:LeaseContainer is empty")]
    public void Validate_InvalidFunctionsSetting_NamesIt(string property, string value, string expected)
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings[$"FeedSync:Functions:{property}"] = value;

        Assert.That(Validate(settings).FailureMessage, Does.Contain(expected));
    }

    [Test]
    public void Validate_Failure_NeverContainsThreatFoxKey()
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings["FeedSync:Functions:Schedule"] = "bad";
        settings["FeedSync:Functions:LeaseDurationSeconds"] = "5";

        Assert.That(Validate(settings).FailureMessage, Does.Not.Contain(TestConfiguration.ThreatFoxKey));
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = TestConfiguration.Build(settings);
        FunctionsOptions options = new();
        configuration.GetSection(FunctionsOptions.SectionName).Bind(options);
        return new FunctionsOptionsValidator(configuration).Validate(null, options);
    }
}
