using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>
/// Writes watchlists, items and operation statuses in the service's wire shape: ids with the capitalised
/// <c>Watchlists</c> and <c>WatchlistItems</c> segments, types <c>Microsoft.SecurityInsights/Watchlists</c> and
/// <c>Microsoft.SecurityInsights/Watchlists/WatchlistItems</c>, and quoted etags.
/// </summary>
internal static class WatchlistJson
{
    public const string WatchlistType = "Microsoft.SecurityInsights/Watchlists";
    public const string ItemType = "Microsoft.SecurityInsights/Watchlists/WatchlistItems";

    public static string WatchlistResourceId(WorkspaceState workspace, string alias) =>
        $"/subscriptions/{workspace.SubscriptionId}/resourceGroups/{workspace.ResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{workspace.WorkspaceName}/providers/Microsoft.SecurityInsights/Watchlists/{alias}";

    /// <summary>Writes a watchlist; list entries leave out the etag, as the service does.</summary>
    public static JsonObject Watchlist(WorkspaceState workspace, WatchlistState watchlist, string apiVersion, bool includeEtag)
    {
        var json = new JsonObject
        {
            ["id"] = WatchlistResourceId(workspace, watchlist.Alias),
            ["name"] = watchlist.Alias,
        };
        if (includeEtag)
        {
            json["etag"] = watchlist.Etag;
        }

        json["type"] = WatchlistType;
        json["systemData"] = SystemData(watchlist.Created, watchlist.CreatedBy, watchlist.Updated, watchlist.UpdatedBy);
        json["properties"] = WatchlistProperties(watchlist, apiVersion);
        return json;
    }

    public static JsonObject Item(WorkspaceState workspace, WatchlistState watchlist, WatchlistItemState item)
    {
        var itemId = item.ItemId.ToString("D");
        return new JsonObject
        {
            ["id"] = $"{WatchlistResourceId(workspace, watchlist.Alias)}/WatchlistItems/{itemId}",
            ["name"] = itemId,
            ["etag"] = item.Etag,
            ["type"] = ItemType,
            ["systemData"] = SystemData(item.Created, item.CreatedBy, item.Updated, item.UpdatedBy),
            ["properties"] = new JsonObject
            {
                ["watchlistItemType"] = "watchlist-item",
                ["watchlistItemId"] = itemId,
                ["tenantId"] = EmulatorIdentity.TenantId,
                ["isDeleted"] = false,
                ["created"] = ArmFormat.PropertyTime(item.Created),
                ["updated"] = ArmFormat.PropertyTime(item.Updated),
                ["createdBy"] = UserInfo(item.CreatedBy),
                ["updatedBy"] = UserInfo(item.UpdatedBy),
                ["itemsKeyValue"] = JsonNode.Parse(item.ItemsKeyValueJson),
                ["entityMapping"] = JsonNode.Parse(item.EntityMappingJson),
            },
        };
    }

    /// <summary>Writes the body of an <c>Azure-AsyncOperation</c> status URL.</summary>
    public static JsonObject OperationStatus(WorkspaceState workspace, AsyncOperationState operation)
    {
        var json = new JsonObject
        {
            ["id"] = $"{WatchlistResourceId(workspace, operation.WatchlistAlias)}/watchlistStatuses/{operation.OperationId:D}",
            ["name"] = operation.OperationId.ToString("D"),
            ["status"] = operation.Status,
            ["startTime"] = ArmFormat.UtcTime(operation.StartTime),
        };
        if (operation.EndTime is { } endTime)
        {
            json["endTime"] = ArmFormat.UtcTime(endTime);
        }

        if (operation.ErrorCode is not null)
        {
            json["error"] = new JsonObject { ["code"] = operation.ErrorCode, ["message"] = operation.ErrorMessage };
        }

        return json;
    }

    private static JsonObject WatchlistProperties(WatchlistState watchlist, string apiVersion)
    {
        var legacyShape = string.Equals(apiVersion, ApiVersions.LegacyWatchlistShape, StringComparison.OrdinalIgnoreCase);
        var properties = new JsonObject
        {
            ["watchlistId"] = watchlist.WatchlistId.ToString("D"),
            ["displayName"] = watchlist.DisplayName,
            ["provider"] = watchlist.Provider,
        };
        AddIfSet(properties, "source", watchlist.Source);
        AddIfSet(properties, "sourceType", watchlist.SourceType);
        properties["itemsSearchKey"] = watchlist.ItemsSearchKey;
        properties["created"] = ArmFormat.PropertyTime(watchlist.Created);
        properties["updated"] = ArmFormat.PropertyTime(watchlist.Updated);
        properties["createdBy"] = UserInfo(watchlist.CreatedBy);
        properties["updatedBy"] = UserInfo(watchlist.UpdatedBy);
        AddIfSet(properties, "description", watchlist.Description);
        properties["watchlistType"] = "watchlist";
        properties["watchlistAlias"] = watchlist.Alias;
        properties["isDeleted"] = false;
        properties["labels"] = new JsonArray([.. watchlist.Labels.Select(label => (JsonNode?)JsonValue.Create(label))]);
        AddIfSet(properties, "defaultDuration", watchlist.DefaultDuration);
        properties["tenantId"] = EmulatorIdentity.TenantId;
        properties["numberOfLinesToSkip"] = watchlist.NumberOfLinesToSkip;
        AddIfSet(properties, "contentType", watchlist.ContentType);

        if (legacyShape)
        {
            // The 2022-11-01 service reported uploadStatus ("New" after a create) and no provisioningState.
            AddIfSet(properties, "uploadStatus", watchlist.UploadStatus);
            return properties;
        }

        if (watchlist.UploadStatus is not null and not "New")
        {
            properties["uploadStatus"] = watchlist.UploadStatus;
        }

        properties["provisioningState"] = watchlist.ProvisioningState;
        properties["sasUri"] = "";
        properties["watchlistCategory"] = "General";
        return properties;
    }

    private static JsonObject SystemData(DateTimeOffset created, UserInfoState createdBy, DateTimeOffset updated, UserInfoState updatedBy) => new()
    {
        ["createdAt"] = ArmFormat.UtcTime(created),
        ["createdBy"] = createdBy.Email ?? createdBy.Name,
        ["createdByType"] = createdBy.Email is null ? "Application" : "User",
        ["lastModifiedAt"] = ArmFormat.UtcTime(updated),
        ["lastModifiedBy"] = updatedBy.Email ?? updatedBy.Name,
        ["lastModifiedByType"] = updatedBy.Email is null ? "Application" : "User",
    };

    public static JsonObject UserInfo(UserInfoState user)
    {
        var json = new JsonObject { ["objectId"] = user.ObjectId };
        AddIfSet(json, "email", user.Email);
        json["name"] = user.Name;
        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
