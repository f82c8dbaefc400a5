namespace FeedSync.Sentinel.Watchlists;

/// <summary>The properties of a watchlist to create or update.</summary>
/// <param name="DisplayName">The name shown in the Sentinel portal (required by the service).</param>
/// <param name="Provider">The provider, such as <c>FeedSync</c> (required by the service).</param>
/// <param name="ItemsSearchKey">The column that KQL exposes as <c>SearchKey</c> (required by the service).</param>
public sealed record SentinelWatchlistData(string DisplayName, string Provider, string ItemsSearchKey)
{
    /// <summary>The description, or null for none.</summary>
    public string? Description { get; init; }

    /// <summary>The labels. Default: none.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The default time to live of the rows, or null for none.</summary>
    public TimeSpan? DefaultDuration { get; init; }

    /// <summary>The source type. Default: <c>Local</c>, the only type FeedSync writes.</summary>
    public string SourceType { get; init; } = "Local";

    /// <summary>The source file name shown in the portal, or null; bulk uploads default it to <c>{alias}.csv</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The etag to send for an optimistic-concurrency update, or null to send none.</summary>
    public string? ETag { get; init; }
}
