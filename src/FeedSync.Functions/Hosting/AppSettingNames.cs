namespace FeedSync.Functions.Hosting;

/// <summary>
/// Configuration keys that the Functions app requires or reads outside its own section. In Azure each is an
/// app setting with <c>__</c> in place of <c>:</c>.
/// </summary>
internal static class AppSettingNames
{
    public const string Schedule = "FeedSync:Functions:Schedule";

    public const string SentinelWorkspaceName = "FeedSync:Sentinel:WorkspaceName";

    public const string ThreatFoxApiKey = "FeedSync:ThreatFox:ApiKey";

    /// <summary>The host's storage connection: a connection string, or a section with identity-based settings.</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>Returns the app setting name (environment variable) for a configuration key.</summary>
    public static string ToAppSetting(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
