namespace FeedSync.Workspace;

/// <summary>One watchlist item: its id and its column values, as stored in <c>itemsKeyValue</c>.</summary>
/// <param name="ItemId">The item id: caller-chosen for single writes, service-assigned for bulk uploads.</param>
/// <param name="Columns">The column values by column name.</param>
/// <param name="ETag">The item's etag as the service returned it, or null for a row not yet written.</param>
public sealed record WatchlistRow(Guid ItemId, IReadOnlyDictionary<string, string> Columns, string? ETag = null);
