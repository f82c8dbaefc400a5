using Microsoft.Extensions.Configuration;

namespace FeedSync.Functions.Tests.Support;

/// <summary>App settings for the tests, shaped as the deployment sets them.</summary>
internal static class TestConfiguration
{
    /// <summary>A stand-in ThreatFox key that no log line may contain.</summary>
    public const string ThreatFoxKey = "tf-test-key-7f3c9a1e5d";

    public static Dictionary<string, string?> ValidSettings(string storage = "UseDevelopmentStorage=true") => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["FeedSync:Functions:Schedule"] = "0 0 * * * *",
        ["FeedSync:Sentinel:SubscriptionId"] = "00000000-0000-0000-0000-000000000001",
        ["FeedSync:Sentinel:ResourceGroup"] = "rg-sentinel",
        ["FeedSync:Sentinel:WorkspaceName"] = "law-sentinel",
        ["FeedSync:ThreatFox:ApiKey"] = ThreatFoxKey,
    };

    public static IConfiguration Build(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
