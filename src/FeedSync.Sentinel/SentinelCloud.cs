namespace FeedSync.Sentinel;

/// <summary>
/// An Azure cloud: its Azure Resource Manager endpoint, its Log Analytics query endpoint and the token
/// scope of each.
/// </summary>
/// <remarks>
/// NOTE: only the public cloud's values appear in the API specifications this client was built from; the
/// US Government and China values are the clouds' well-known endpoints and have not been called from here.
/// </remarks>
public sealed class SentinelCloud
{
    private SentinelCloud(string name, Uri armEndpoint, string armScope, Uri logAnalyticsEndpoint, string logAnalyticsScope)
    {
        Name = name;
        ArmEndpoint = armEndpoint;
        ArmTokenScope = armScope;
        LogAnalyticsEndpoint = logAnalyticsEndpoint;
        LogAnalyticsTokenScope = logAnalyticsScope;
    }

    /// <summary>The global Azure cloud.</summary>
    public static SentinelCloud AzurePublicCloud { get; } = new(
        nameof(AzurePublicCloud),
        new Uri("https://management.azure.com/"),
        "https://management.azure.com/.default",
        new Uri("https://api.loganalytics.io/"),
        "https://api.loganalytics.io/.default");

    /// <summary>Azure Government (US).</summary>
    public static SentinelCloud AzureUSGovernment { get; } = new(
        nameof(AzureUSGovernment),
        new Uri("https://management.usgovcloudapi.net/"),
        "https://management.usgovcloudapi.net/.default",
        new Uri("https://api.loganalytics.us/"),
        "https://api.loganalytics.us/.default");

    /// <summary>Azure operated by 21Vianet (China).</summary>
    public static SentinelCloud AzureChina { get; } = new(
        nameof(AzureChina),
        new Uri("https://management.chinacloudapi.cn/"),
        "https://management.chinacloudapi.cn/.default",
        new Uri("https://api.loganalytics.azure.cn/"),
        "https://api.loganalytics.azure.cn/.default");

    /// <summary>The known clouds.</summary>
    public static IReadOnlyList<SentinelCloud> All { get; } = [AzurePublicCloud, AzureUSGovernment, AzureChina];

    /// <summary>The cloud's name: <c>AzurePublicCloud</c>, <c>AzureUSGovernment</c> or <c>AzureChina</c>.</summary>
    public string Name { get; }

    /// <summary>The Azure Resource Manager endpoint.</summary>
    public Uri ArmEndpoint { get; }

    /// <summary>The token scope for Azure Resource Manager requests.</summary>
    public string ArmTokenScope { get; }

    /// <summary>The Log Analytics query endpoint.</summary>
    public Uri LogAnalyticsEndpoint { get; }

    /// <summary>The token scope for Log Analytics query requests.</summary>
    public string LogAnalyticsTokenScope { get; }

    /// <summary>Finds a cloud by name, ignoring case; returns null for an unknown name.</summary>
    public static SentinelCloud? FindByName(string? name) =>
        All.FirstOrDefault(cloud => string.Equals(cloud.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string ToString() => Name;
}
