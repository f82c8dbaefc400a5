namespace FeedSync.Sentinel.Watchlists;

/// <summary>A watchlist item as the service returned it.</summary>
/// <param name="ItemId">The item id (the resource name).</param>
/// <param name="ItemsKeyValue">The column values by column name; non-string JSON values are kept as their JSON text.</param>
public sealed record SentinelWatchlistItem(Guid ItemId, IReadOnlyDictionary<string, string> ItemsKeyValue)
{
    /// <summary>The etag (quoted, as returned).</summary>
    public string? ETag { get; init; }

    /// <summary>When the item was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the item was last updated.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Whether the service marks the item as deleted.</summary>
    public bool IsDeleted { get; init; }
}
