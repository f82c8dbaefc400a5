using System.Text.Json;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.State;
using FeedSync.SentinelEmulator.Watchlists;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>
/// The tables and functions queries can start from: the <c>Watchlist</c> table (Sentinel's 28 columns), the
/// <c>_GetWatchlist(alias)</c> function over it, and an empty <c>Usage</c> table.
/// </summary>
internal static class WorkspaceTables
{
    private static readonly QueryColumn[] WatchlistColumns =
    [
        new("TenantId", "string"), new("TimeGenerated", "datetime"), new("AzureTenantId", "string"), new("WatchlistId", "string"),
        new("WatchlistItemId", "string"), new("WatchlistName", "string"), new("WatchlistAlias", "string"), new("Source", "string"),
        new("Provider", "string"), new("CreatedBy", "dynamic"), new("UpdatedBy", "dynamic"), new("CreatedTimeUTC", "datetime"),
        new("LastUpdatedTimeUTC", "datetime"), new("Notes", "string"), new("Tags", "string"), new("DefaultDuration", "string"),
        new("TimeToLive", "datetime"), new("WatchlistItem", "dynamic"), new("EntityMapping", "dynamic"), new("CorrelationId", "string"),
        new("SearchKey", "string"), new("WatchlistCategory", "string"), new("_DTTimestamp", "datetime"), new("_DTItemId", "string"),
        new("_DTItemType", "string"), new("_DTItemStatus", "string"), new("SourceSystem", "string"), new("Type", "string"),
    ];

    private static readonly QueryColumn[] UsageColumns =
    [
        new("TenantId", "string"), new("Computer", "string"), new("TimeGenerated", "datetime"), new("SourceSystem", "string"),
        new("StartTime", "datetime"), new("EndTime", "datetime"), new("ResourceUri", "string"), new("LinkedResourceUri", "string"),
        new("DataType", "string"), new("Solution", "string"), new("BatchesWithinSla", "long"), new("BatchesOutsideSla", "long"),
        new("BatchesCapped", "long"), new("TotalBatches", "long"), new("AvgLatencyInSeconds", "real"), new("Quantity", "real"),
        new("QuantityUnit", "string"), new("IsBillable", "bool"), new("MeterId", "string"), new("LinkedMeterId", "string"),
        new("Type", "string"),
    ];

    public static QueryTable Usage() => new(UsageColumns, []);

    /// <summary>Returns the Watchlist table records visible at <paramref name="now"/> within the query's time range.</summary>
    public static QueryTable Watchlist(WorkspaceState workspace, DateTimeOffset now, QueryTimeRange range) =>
        new(WatchlistColumns, [.. VisibleRecords(workspace, now, range).Select(record => ToRow(workspace, record))]);

    // NOTE: the output columns follow the function's published body: arg_max per _DTItemId, then bag_unpack of
    // WatchlistItem. The unpacked columns come in the order their keys first appear, which Kusto may not keep.

    /// <summary>
    /// Evaluates <c>_GetWatchlist(alias)</c> as Sentinel defines it: the latest record of each item of the alias,
    /// without deleted items, as <c>_DTItemId</c>, <c>LastUpdatedTimeUTC</c>, <c>SearchKey</c> and one column per item key.
    /// </summary>
    public static QueryTable GetWatchlist(WorkspaceState workspace, string alias, DateTimeOffset now, QueryTimeRange range)
    {
        var latest = new Dictionary<string, WatchlistLogRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var record in VisibleRecords(workspace, now, range))
        {
            if (record.ItemType != WatchlistLog.ItemRecord || !string.Equals(record.WatchlistAlias, alias, StringComparison.Ordinal))
            {
                continue;
            }

            if (!latest.TryGetValue(record.DtItemId, out var current))
            {
                order.Add(record.DtItemId);
                latest[record.DtItemId] = record;
            }
            else if (record.Timestamp >= current.Timestamp)
            {
                latest[record.DtItemId] = record;
            }
        }

        var items = order.Select(id => latest[id]).Where(record => record.ItemStatus != WatchlistLog.Delete).ToList();
        var bags = items.Select(record => JsonNode.Parse(record.WatchlistItemJson) as JsonObject ?? []).ToList();
        var keys = bags.SelectMany(bag => bag.Select(pair => pair.Key)).Distinct(StringComparer.Ordinal).ToList();
        var keyTypes = keys.Select(key => bags.All(bag => bag[key] is null || bag[key]!.GetValueKind() == JsonValueKind.String) ? "string" : "dynamic").ToList();

        var columns = new List<QueryColumn> { new("_DTItemId", "string"), new("LastUpdatedTimeUTC", "datetime"), new("SearchKey", "string") };
        columns.AddRange(keys.Select((key, index) => new QueryColumn(key, keyTypes[index])));

        var rows = new List<object?[]>();
        for (var index = 0; index < items.Count; index++)
        {
            var row = new List<object?> { items[index].DtItemId, items[index].LastUpdatedTime, items[index].SearchKey };
            row.AddRange(keys.Select((key, keyIndex) => CellOf(bags[index][key], keyTypes[keyIndex])));
            rows.Add([.. row]);
        }

        return new QueryTable(columns, rows);
    }

    private static IEnumerable<WatchlistLogRecord> VisibleRecords(WorkspaceState workspace, DateTimeOffset now, QueryTimeRange range) =>
        workspace.WatchlistLog.Where(record => record.TimeGenerated <= now && range.Contains(record.TimeGenerated));

    private static object? CellOf(JsonNode? value, string type)
    {
        if (value is null)
        {
            return null;
        }

        return type == "string" ? value.GetValue<string>() : value.DeepClone();
    }

    private static object?[] ToRow(WorkspaceState workspace, WatchlistLogRecord record) =>
    [
        workspace.CustomerId.ToString("D"), record.TimeGenerated, EmulatorIdentity.TenantId, record.WatchlistId.ToString("D"),
        record.WatchlistItemId, record.WatchlistName, record.WatchlistAlias, record.Source ?? "",
        record.Provider, WatchlistJson.UserInfo(record.CreatedBy), WatchlistJson.UserInfo(record.UpdatedBy), record.CreatedTime,
        record.LastUpdatedTime, record.Notes ?? "", record.Tags, record.DefaultDuration ?? "",
        null, JsonNode.Parse(record.WatchlistItemJson), JsonNode.Parse(record.EntityMappingJson), record.CorrelationId.ToString("D"),
        record.SearchKey, "General", record.Timestamp, record.DtItemId,
        record.ItemType, record.ItemStatus, "", "Watchlist",
    ];
}
