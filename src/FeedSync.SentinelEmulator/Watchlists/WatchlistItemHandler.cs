using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>Serves the items of a watchlist: list, get, create or update under a caller-chosen GUID, delete.</summary>
internal static class WatchlistItemHandler
{
    public static EmulatorResponse List(WorkspaceState workspace, ArmRequestContext request)
    {
        var watchlist = WatchlistHandler.Find(workspace, request.Route.WatchlistAlias!);
        return watchlist is null
            ? WatchlistHandler.NotFound(request.Route.WatchlistAlias!)
            : ArmPaging.Page(request, watchlist.Items, item => WatchlistJson.Item(workspace, watchlist, item));
    }

    public static EmulatorResponse Get(WorkspaceState workspace, ArmRequestContext request)
    {
        var watchlist = WatchlistHandler.Find(workspace, request.Route.WatchlistAlias!);
        if (watchlist is null)
        {
            return WatchlistHandler.NotFound(request.Route.WatchlistAlias!);
        }

        var item = FindItem(watchlist, request.Route.ChildName!);
        return item is null
            ? WatchlistHandler.NotFound(request.Route.ChildName!)
            : EmulatorResponse.Json(200, WatchlistJson.Item(workspace, watchlist, item));
    }

    public static EmulatorResponse Put(StoreSession session, WorkspaceState workspace, ArmRequestContext request)
    {
        var (watchlist, itemId, error) = ResolveForWrite(workspace, request);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = request.ReadJsonObject();
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (keyValues, entityMapping, validationError) = ParseProperties(body!);
        if (validationError is not null)
        {
            return validationError;
        }

        var item = watchlist!.Items.Find(candidate => candidate.ItemId == itemId);
        if (item is null)
        {
            item = new WatchlistItemState { ItemId = itemId, Created = session.Now, CreatedBy = request.Identity };
            watchlist.Items.Add(item);
            Apply(item, keyValues!, entityMapping!, session.Now, request.Identity);
            WatchlistLog.AppendItem(workspace, watchlist, item, WatchlistLog.Create, session.Now, request.Options.IngestionDelay);
            session.MarkChanged();
        }
        else if (!IsUnchanged(item, keyValues!, entityMapping!))
        {
            Apply(item, keyValues!, entityMapping!, session.Now, request.Identity);
            WatchlistLog.AppendItem(workspace, watchlist, item, WatchlistLog.Update, session.Now, request.Options.IngestionDelay);
            session.MarkChanged();
        }

        // The recorded service returns 200 for a new item as well as for an update.
        return EmulatorResponse.Json(200, WatchlistJson.Item(workspace, watchlist, item));
    }

    public static EmulatorResponse Delete(StoreSession session, WorkspaceState workspace, ArmRequestContext request)
    {
        var (watchlist, itemId, error) = ResolveForWrite(workspace, request);
        if (error is not null)
        {
            return error;
        }

        var item = watchlist!.Items.Find(candidate => candidate.ItemId == itemId);
        if (item is null)
        {
            return EmulatorResponse.Empty(204);
        }

        watchlist.Items.Remove(item);
        WatchlistLog.AppendItem(workspace, watchlist, item, WatchlistLog.Delete, session.Now, request.Options.IngestionDelay);
        session.MarkChanged();
        return EmulatorResponse.Empty(200);
    }

    private static (WatchlistState? Watchlist, Guid ItemId, EmulatorResponse? Error) ResolveForWrite(WorkspaceState workspace, ArmRequestContext request)
    {
        var alias = request.Route.WatchlistAlias!;
        var watchlist = WatchlistHandler.Find(workspace, alias);
        if (watchlist is null)
        {
            return (null, Guid.Empty, WatchlistHandler.NotFound(alias));
        }

        if (watchlist.DeleteOperationId is not null)
        {
            return (null, Guid.Empty, WatchlistHandler.DeleteInProgress(alias));
        }

        var itemName = request.Route.ChildName!;
        if (!Guid.TryParse(itemName, out var itemId))
        {
            return (null, Guid.Empty, EmulatorResponse.Error(400, "BadRequest", $"The watchlist item id '{itemName}' is not a GUID. Address items by a GUID such as '6d37a904-d199-43ff-892b-53653b784122'."));
        }

        return (watchlist, itemId, null);
    }

    private static WatchlistItemState? FindItem(WatchlistState watchlist, string itemName) =>
        Guid.TryParse(itemName, out var itemId) ? watchlist.Items.Find(item => item.ItemId == itemId) : null;

    private static (JsonObject? KeyValues, JsonObject? EntityMapping, EmulatorResponse? Error) ParseProperties(JsonObject body)
    {
        if (body["properties"] is not JsonObject properties)
        {
            return (null, null, EmulatorResponse.Error(400, "BadRequest", "The 'properties' object is required. Send {\"properties\":{\"itemsKeyValue\":{...}}}."));
        }

        if (properties["itemsKeyValue"] is not JsonObject keyValues)
        {
            var message = properties["itemsKeyValue"] is null
                ? "The 'properties.itemsKeyValue' property is required."
                : "The 'properties.itemsKeyValue' property must be a JSON object of column names and values.";
            return (null, null, EmulatorResponse.Error(400, "BadRequest", message));
        }

        var entityMapping = properties["entityMapping"];
        if (entityMapping is not null and not JsonObject)
        {
            return (null, null, EmulatorResponse.Error(400, "BadRequest", "The 'properties.entityMapping' property must be a JSON object."));
        }

        return (keyValues, entityMapping as JsonObject ?? [], null);
    }

    private static bool IsUnchanged(WatchlistItemState item, JsonObject keyValues, JsonObject entityMapping) =>
        JsonNode.DeepEquals(JsonNode.Parse(item.ItemsKeyValueJson), keyValues)
        && JsonNode.DeepEquals(JsonNode.Parse(item.EntityMappingJson), entityMapping);

    private static void Apply(WatchlistItemState item, JsonObject keyValues, JsonObject entityMapping, DateTimeOffset now, UserInfoState identity)
    {
        item.ItemsKeyValueJson = keyValues.ToJsonString();
        item.EntityMappingJson = entityMapping.ToJsonString();
        item.Etag = ArmFormat.NewResourceEtag(now);
        item.Updated = now;
        item.UpdatedBy = identity;
    }
}
