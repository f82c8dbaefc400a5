using System.Text.RegularExpressions;

namespace FeedSync.Sentinel;

/// <summary>
/// The Azure Resource Manager identity of a Log Analytics workspace with Microsoft Sentinel enabled.
/// </summary>
public sealed partial record SentinelWorkspaceResourceId
{
    /// <summary>Creates the identity, validating each part.</summary>
    /// <exception cref="ArgumentException">A part is empty or malformed.</exception>
    public SentinelWorkspaceResourceId(string subscriptionId, string resourceGroupName, string workspaceName)
    {
        if (!Guid.TryParse(subscriptionId, out _))
        {
            throw new ArgumentException(
                $"The subscription id '{subscriptionId}' is not a GUID. Use the id of the subscription that contains the workspace.",
                nameof(subscriptionId));
        }

        if (string.IsNullOrWhiteSpace(resourceGroupName) || resourceGroupName.Length > 90 || resourceGroupName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The resource group name '{resourceGroupName}' is invalid: it must be 1 to 90 characters without '/'.",
                nameof(resourceGroupName));
        }

        if (workspaceName is null || workspaceName.Length > 90 || !WorkspaceNamePattern().IsMatch(workspaceName))
        {
            throw new ArgumentException(
                $"The workspace name '{workspaceName}' is invalid: it must be 3 to 90 letters, digits or hyphens, starting and ending with a letter or digit.",
                nameof(workspaceName));
        }

        SubscriptionId = subscriptionId;
        ResourceGroupName = resourceGroupName;
        WorkspaceName = workspaceName;
    }

    /// <summary>The subscription id (a GUID).</summary>
    public string SubscriptionId { get; }

    /// <summary>The resource group name.</summary>
    public string ResourceGroupName { get; }

    /// <summary>The Log Analytics workspace name (not its customer id).</summary>
    public string WorkspaceName { get; }

    /// <summary>Returns the resource id path, <c>/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{name}</c>.</summary>
    public override string ToString() =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{Uri.EscapeDataString(ResourceGroupName)}/providers/Microsoft.OperationalInsights/workspaces/{WorkspaceName}";

    // The WorkspaceName parameter of the SecurityInsights 2.0 common types: 1 to 90 characters, this pattern.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$")]
    private static partial Regex WorkspaceNamePattern();
}
