namespace FeedSync.SentinelEmulator;

/// <summary>
/// A Log Analytics workspace with Microsoft Sentinel that the emulator serves: its ARM coordinates and the
/// customer id (the GUID that Log Analytics queries address it by).
/// </summary>
public sealed record EmulatorWorkspace(string SubscriptionId, string ResourceGroup, string WorkspaceName, Guid CustomerId)
{
    /// <summary>Gets the workspace served when none is configured.</summary>
    public static EmulatorWorkspace Default { get; } = new(
        "00000000-0000-0000-0000-000000000000",
        "feedsync-local",
        "feedsync-local",
        Guid.Parse("11111111-1111-1111-1111-111111111111"));

    /// <summary>Gets the ARM resource id of the workspace, cased as ARM returns it.</summary>
    public string ResourceId =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{WorkspaceName}";
}
