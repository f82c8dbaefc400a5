using Azure.Identity;
using FeedSync.Sentinel;
using FeedSync.Sentinel.Workspace;
using FeedSync.Workspace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedSync.Tests.Sentinel.Workspace;

[TestFixture]
internal sealed class SentinelWorkspaceRegistrationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["FeedSync:Sentinel:SubscriptionId"] = "00000000-0000-0000-0000-000000000000",
        ["FeedSync:Sentinel:ResourceGroup"] = "feedsync-local",
        ["FeedSync:Sentinel:WorkspaceName"] = "feedsync-local",
        ["FeedSync:Sentinel:WorkspaceId"] = "11111111-1111-1111-1111-111111111111",
    };

    [Test]
    public void Resolve_EmulatorEndpoint_BuildsWorkspace()
    {
        using var provider = Build(With(("FeedSync:Sentinel:ArmEndpoint", "https://127.0.0.1:5443/")));

        var workspace = provider.GetRequiredService<ISentinelWorkspace>();
        var concrete = provider.GetRequiredService<SentinelWorkspace>();

        Assert.That(workspace, Is.SameAs(concrete));
        Assert.That(concrete.WorkspaceId, Is.EqualTo(Guid.Parse("11111111-1111-1111-1111-111111111111")));
        Assert.That(concrete.Client.Workspace.WorkspaceName, Is.EqualTo("feedsync-local"));
        Assert.That(concrete.Client.LogAnalyticsPipeline.Endpoint, Is.EqualTo(new Uri("https://127.0.0.1:5443/")));
    }

    [Test]
    public void Options_Missing_NameEachSetting()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value.ToString());

        Assert.That(exception!.Message, Does.Contain("FeedSync:Sentinel:SubscriptionId"));
        Assert.That(exception.Message, Does.Contain("FeedSync:Sentinel:ResourceGroup"));
        Assert.That(exception.Message, Does.Contain("FeedSync:Sentinel:WorkspaceName"));
    }

    [TestCase("FeedSync:Sentinel:Cloud", "Mars", "FeedSync:Sentinel:Cloud")]
    [TestCase("FeedSync:Sentinel:WorkspaceId", "feedsync-local", "FeedSync:Sentinel:WorkspaceId")]
    [TestCase("FeedSync:Sentinel:ArmEndpoint", "http://127.0.0.1:5080/", "FeedSync:Sentinel:ArmEndpoint")]
    [TestCase("FeedSync:Sentinel:MaxRetries", "50", "FeedSync:Sentinel:MaxRetries")]
    [TestCase("FeedSync:Sentinel:AttemptTimeout", "00:00:00", "FeedSync:Sentinel:AttemptTimeout")]
    [TestCase("FeedSync:Sentinel:TrustedCertificatePath", "/nonexistent/emulator.pem", "FeedSync:Sentinel:TrustedCertificatePath")]
    public void Options_InvalidValue_NamesSetting(string key, string value, string expectedSetting)
    {
        var settings = With((key, value));
        settings.TryAdd("FeedSync:Sentinel:ArmEndpoint", "https://127.0.0.1:5443/");
        using var provider = Build(settings);

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value.ToString());

        Assert.That(exception!.Message, Does.Contain(expectedSetting));
    }

    [Test]
    public void Options_EmulatorWithRemoteEndpoint_IsRejected()
    {
        using var provider = Build(With(
            ("FeedSync:Sentinel:UseEmulator", "true"),
            ("FeedSync:Sentinel:ArmEndpoint", "https://management.azure.com/")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value.ToString());

        Assert.That(exception!.Message, Does.Contain("not a loopback address"));
    }

    [Test]
    public void Options_LoopbackArmWithRemoteLogAnalytics_IsRejected()
    {
        using var provider = Build(With(
            ("FeedSync:Sentinel:ArmEndpoint", "https://localhost:5443/"),
            ("FeedSync:Sentinel:LogAnalyticsEndpoint", "https://api.loganalytics.io/")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SentinelWorkspaceOptions>>().Value.ToString());

        Assert.That(exception!.Message, Does.Contain("FeedSync:Sentinel:LogAnalyticsEndpoint"));
    }

    [Test]
    public void Options_TrustedCertificatePem_IsLoaded()
    {
        using var certificate = TrustedCertificateValidatorTests.CreateSelfSigned("CN=127.0.0.1");
        var path = Path.Combine(Path.GetTempPath(), $"feedsync-test-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        try
        {
            var options = new SentinelWorkspaceOptions
            {
                SubscriptionId = "00000000-0000-0000-0000-000000000000",
                ResourceGroup = "rg",
                WorkspaceName = "ws1",
                ArmEndpoint = "https://127.0.0.1:5443/",
                TrustedCertificatePath = path,
            };

            var clientOptions = SentinelWorkspaceConfiguration.CreateClientOptions(options, TimeProvider.System, null);

            Assert.That(clientOptions.TrustedServerCertificate!.Thumbprint, Is.EqualTo(certificate.Thumbprint));
            Assert.That(clientOptions.LogAnalyticsEndpoint, Is.EqualTo(new Uri("https://127.0.0.1:5443/")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Credential_Emulator_IsPlaceholder()
    {
        var emulator = new SentinelWorkspaceOptions { ArmEndpoint = "https://[::1]:5443/" };
        var azure = new SentinelWorkspaceOptions { ArmEndpoint = "https://management.azure.com/" };
        var forcedOff = new SentinelWorkspaceOptions { ArmEndpoint = "https://127.0.0.1:5443/", UseEmulator = false };

        Assert.That(SentinelWorkspaceConfiguration.IsEmulator(emulator), Is.True);
        Assert.That(SentinelWorkspaceConfiguration.IsEmulator(azure), Is.False);
        Assert.That(SentinelWorkspaceConfiguration.IsEmulator(forcedOff), Is.False);
    }

    [Test]
    public void Credential_Azure_IsDefaultAzureCredentialNotCalled()
    {
        var options = new SentinelWorkspaceOptions { Cloud = "AzureUSGovernment", ManagedIdentityClientId = "22222222-2222-2222-2222-222222222222" };

        var credential = SentinelWorkspaceConfiguration.CreateDefaultCredential(options);

        Assert.That(credential, Is.InstanceOf<DefaultAzureCredential>());
    }

    [Test]
    public void ClientOptions_MapRetrySettings()
    {
        var options = new SentinelWorkspaceOptions
        {
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(300),
            MaxRetryDelay = TimeSpan.FromSeconds(4),
            AttemptTimeout = TimeSpan.FromSeconds(9),
            Cloud = "AzureChina",
            SecurityInsightsApiVersion = "2024-01-01-preview",
        };

        var clientOptions = SentinelWorkspaceConfiguration.CreateClientOptions(options, TimeProvider.System, null);

        Assert.That(clientOptions.Retry.MaxRetries, Is.EqualTo(2));
        Assert.That(clientOptions.Retry.Delay, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(clientOptions.Retry.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(clientOptions.Retry.NetworkTimeout, Is.EqualTo(TimeSpan.FromSeconds(9)));
        Assert.That(clientOptions.Cloud, Is.SameAs(SentinelCloud.AzureChina));
        Assert.That(clientOptions.SecurityInsightsApiVersion, Is.EqualTo("2024-01-01-preview"));
        Assert.That(clientOptions.LogAnalyticsEndpoint, Is.Null);
    }

    private static Dictionary<string, string?> With(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return values;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSentinelWorkspace(configuration);
        return services.BuildServiceProvider();
    }
}
