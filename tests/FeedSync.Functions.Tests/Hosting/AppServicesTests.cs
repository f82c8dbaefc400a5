using System.Reflection;
using FeedSync.Functions.Hosting;
using FeedSync.Functions.Tests.Support;
using FeedSync.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Tests.Hosting;

[TestFixture]
internal sealed class AppServicesTests
{
    private static readonly Type[] FunctionClasses = typeof(FunctionsOptions).Assembly.GetTypes()
        .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
        .ToArray();

    [Test]
    public void FunctionClasses_AreTheThreeTriggerClasses()
    {
        Assert.That(FunctionClasses.Select(type => type.Name), Is.EquivalentTo(new[] { "SyncNowFunction", "SyncRunsFunctions", "SyncTimerFunction" }));
    }

    [Test]
    public async Task AppServices_Validated_ActivateFunctions()
    {
        FunctionsApplicationBuilder builder = TestFunctionsApplication.CreateBuilder(TestConfiguration.ValidSettings());
        builder.ConfigureForTests();

        await using ServiceProvider provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        foreach (Type functionClass in FunctionClasses)
        {
            Assert.That(ActivatorUtilities.CreateInstance(scope.ServiceProvider, functionClass), Is.InstanceOf(functionClass));
        }
    }

    [Test]
    public async Task AppServices_ResolveTheRealSyncRunner()
    {
        FunctionsApplicationBuilder builder = TestFunctionsApplication.CreateBuilder(TestConfiguration.ValidSettings());
        builder.ConfigureForTests();

        await using ServiceProvider provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.That(provider.GetRequiredService<ISyncRunner>().GetType().Name, Is.EqualTo("SyncRunner"));
    }

    [Test]
    public void FunctionsServicesAlone_FailValidationNamingSyncRunner()
    {
        FunctionsApplicationBuilder builder = TestFunctionsApplication.CreateBuilder(TestConfiguration.ValidSettings());
        builder.Services.AddFeedSyncFunctions(builder.Configuration);

        Assert.That(
            () => builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }),
            Throws.InstanceOf<AggregateException>().With.Message.Contains(nameof(ISyncRunner)));
    }

    [TestCase("FeedSync:Sentinel:WorkspaceName", null, "FeedSync:Sentinel:WorkspaceName is missing")]
    [TestCase("FeedSync:Sentinel:SubscriptionId", null, "FeedSync:Sentinel:SubscriptionId is ''")]
    [TestCase("FeedSync:Sentinel:ResourceGroup", null, "FeedSync:Sentinel:ResourceGroup is missing")]
    [TestCase("FeedSync:ThreatFox:ApiKey", null, "FeedSync:ThreatFox:ApiKey is missing")]
    [TestCase("FeedSync:Ingestion:Days", "9", "Days")]
    [TestCase("FeedSync:Functions:Schedule", "0 0 * * *", "FeedSync:Functions:Schedule '0 0 * * *' is not a valid NCRONTAB schedule")]
    public void AppHost_InvalidSetting_StopsStartNamingSetting(string key, string? value, string expected)
    {
        Dictionary<string, string?> settings = TestConfiguration.ValidSettings();
        settings[key] = value;

        // The Functions host passes its gRPC endpoint on the command line. Start-up validation fails before
        // the worker connects, and a connection could only reach a closed loopback port.
        settings["Functions:Worker:HostEndpoint"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        FunctionsApplicationBuilder builder = TestFunctionsApplication.CreateBuilder(settings);
        builder.ConfigureForTests();
        using IHost host = builder.Build();

        Assert.That(
            async () => await host.StartAsync(),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains(expected));
    }
}
