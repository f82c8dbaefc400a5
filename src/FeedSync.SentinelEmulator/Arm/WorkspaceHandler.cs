using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Arm;

/// <summary>Serves GET of a configured workspace, so callers can read its <c>customerId</c>. Workspaces cannot be created or changed.</summary>
internal static class WorkspaceHandler
{
    public static EmulatorResponse Get(WorkspaceState workspace)
    {
        var id = $"/subscriptions/{workspace.SubscriptionId}/resourceGroups/{workspace.ResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{workspace.WorkspaceName}";
        var body = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["customerId"] = workspace.CustomerId.ToString("D"),
                ["provisioningState"] = "Succeeded",
                ["sku"] = new JsonObject { ["name"] = "PerGB2018" },
                ["retentionInDays"] = 30,
                ["publicNetworkAccessForIngestion"] = "Enabled",
                ["publicNetworkAccessForQuery"] = "Enabled",
            },
            ["location"] = "local",
            ["tags"] = new JsonObject(),
            ["id"] = id,
            ["name"] = workspace.WorkspaceName,
            ["type"] = "Microsoft.OperationalInsights/workspaces",
        };
        return EmulatorResponse.Json(200, body);
    }
}
