using System.Text.Json;

namespace FeedSync.Tests.Sentinel;

/// <summary>Small ARM bodies in the shape the service returns.</summary>
internal static class ArmBodies
{
    public static string Watchlist(string alias, string etag = "\"0300bf09-0000-0000-0000-5c37296e0000\"", string provisioningState = "Succeeded") => """
        {"id":"@path/providers/Microsoft.SecurityInsights/Watchlists/@alias","name":"@alias","etag":@etag,"type":"Microsoft.SecurityInsights/Watchlists",
         "properties":{"watchlistId":"76d5a51f-ba1f-4038-9d22-59fda38dc017","displayName":"Display @alias","provider":"FeedSync","source":"@alias.csv","sourceType":"Local",
         "description":"Test list","watchlistType":"watchlist","watchlistAlias":"@alias","itemsSearchKey":"Indicator","isDeleted":false,"labels":["ioc"],"defaultDuration":"P30D",
         "provisioningState":"@state","created":"2024-08-13T16:21:50.3150187+08:00","updated":"2024-08-13T16:21:50.3150187+08:00"}}
        """
        .Replace("@path", SentinelTestClient.WorkspacePath, StringComparison.Ordinal)
        .Replace("@alias", alias, StringComparison.Ordinal)
        .Replace("@etag", JsonSerializer.Serialize(etag), StringComparison.Ordinal)
        .Replace("@state", provisioningState, StringComparison.Ordinal);

    public static string Item(Guid itemId, string indicator) => """
        {"id":"@path/providers/Microsoft.SecurityInsights/Watchlists/ThreatFox-IP/WatchlistItems/@id","name":"@id","etag":"\"03039f10-0000-0100-0000-66bb18660000\"",
         "type":"Microsoft.SecurityInsights/Watchlists/WatchlistItems","properties":{"watchlistItemType":"watchlist-item","watchlistItemId":"@id","isDeleted":false,
         "itemsKeyValue":{"Indicator":"@indicator","Confidence":100},"entityMapping":{}}}
        """
        .Replace("@path", SentinelTestClient.WorkspacePath, StringComparison.Ordinal)
        .Replace("@id", itemId.ToString(), StringComparison.Ordinal)
        .Replace("@indicator", indicator, StringComparison.Ordinal);

    public static string Error(string code, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message } });

    public static string OperationStatus(string status) =>
        JsonSerializer.Serialize(new { id = "op", name = "op", status });
}
