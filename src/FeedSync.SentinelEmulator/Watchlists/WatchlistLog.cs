using System.Text.Json;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>
/// Appends the records that Sentinel writes to the Log Analytics <c>Watchlist</c> table on every watchlist and
/// item change. A record becomes visible to queries at its <c>TimeGenerated</c>: the change time plus the ingestion delay.
/// </summary>
internal static class WatchlistLog
{
    public const string WatchlistRecord = "watchlist";
    public const string ItemRecord = "watchlist-item";
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";

    public static void AppendWatchlist(WorkspaceState workspace, WatchlistState watchlist, string status, DateTimeOffset now, TimeSpan ingestionDelay) =>
        workspace.WatchlistLog.Add(NewRecord(watchlist, now, ingestionDelay, WatchlistRecord, status, watchlist.WatchlistId.ToString("D"), "", "{}", "{}", watchlist.UpdatedBy, watchlist.Created, watchlist.Updated));

    public static void AppendItem(WorkspaceState workspace, WatchlistState watchlist, WatchlistItemState item, string status, DateTimeOffset now, TimeSpan ingestionDelay)
    {
        var itemId = item.ItemId.ToString("D");
        var record = NewRecord(watchlist, now, ingestionDelay, ItemRecord, status, itemId, itemId, item.ItemsKeyValueJson, item.EntityMappingJson, item.UpdatedBy, item.Created, item.Updated);
        record.CreatedBy = item.CreatedBy;
        record.SearchKey = SearchKeyValue(watchlist, item.ItemsKeyValueJson);
        workspace.WatchlistLog.Add(record);
    }

    private static WatchlistLogRecord NewRecord(
        WatchlistState watchlist,
        DateTimeOffset now,
        TimeSpan ingestionDelay,
        string itemType,
        string status,
        string dtItemId,
        string watchlistItemId,
        string itemJson,
        string entityMappingJson,
        UserInfoState updatedBy,
        DateTimeOffset created,
        DateTimeOffset updated) => new()
        {
            TimeGenerated = now + ingestionDelay,
            Timestamp = now,
            ItemType = itemType,
            ItemStatus = status,
            DtItemId = dtItemId,
            WatchlistId = watchlist.WatchlistId,
            WatchlistItemId = watchlistItemId,
            WatchlistName = watchlist.DisplayName,
            WatchlistAlias = watchlist.Alias,
            Source = watchlist.Source,
            Provider = watchlist.Provider,
            CreatedBy = watchlist.CreatedBy,
            UpdatedBy = updatedBy,
            CreatedTime = created,
            LastUpdatedTime = updated,
            Notes = watchlist.Description,
            Tags = JsonSerializer.Serialize(watchlist.Labels),
            DefaultDuration = watchlist.DefaultDuration,
            WatchlistItemJson = itemJson,
            EntityMappingJson = entityMappingJson,
            CorrelationId = Guid.NewGuid(),
        };

    private static string SearchKeyValue(WatchlistState watchlist, string itemJson)
    {
        var item = JsonNode.Parse(itemJson) as JsonObject;
        var match = item?.FirstOrDefault(pair => string.Equals(pair.Key, watchlist.ItemsSearchKey, StringComparison.OrdinalIgnoreCase));
        return match?.Value switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var other => other.ToJsonString(),
        };
    }
}
