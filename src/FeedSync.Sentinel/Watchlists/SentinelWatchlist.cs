namespace FeedSync.Sentinel.Watchlists;

/// <summary>A watchlist as the service returned it.</summary>
public sealed record SentinelWatchlist
{
    /// <summary>The alias, which is also the resource name.</summary>
    public required string Alias { get; init; }

    /// <summary>The full resource id.</summary>
    public string? Id { get; init; }

    /// <summary>The etag (quoted, as returned); list entries carry none.</summary>
    public string? ETag { get; init; }

    /// <summary>The watchlist's own GUID.</summary>
    public string? WatchlistId { get; init; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>The provider.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The search key column.</summary>
    public string ItemsSearchKey { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The source file name.</summary>
    public string? Source { get; init; }

    /// <summary>The source type, such as <c>Local</c>.</summary>
    public string? SourceType { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The default time to live of the rows.</summary>
    public TimeSpan? DefaultDuration { get; init; }

    /// <summary>The provisioning state: <c>New</c>, <c>InProgress</c>, <c>Uploading</c>, <c>Deleting</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Canceled</c>.</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>The upload status, such as <c>New</c>, <c>InProgress</c> or <c>Complete</c>.</summary>
    public string? UploadStatus { get; init; }

    /// <summary>When the watchlist was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the watchlist was last updated.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Whether the service marks the watchlist as deleted.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>True while the service is deleting the watchlist.</summary>
    public bool IsBeingDeleted => string.Equals(ProvisioningState, "Deleting", StringComparison.OrdinalIgnoreCase);
}
