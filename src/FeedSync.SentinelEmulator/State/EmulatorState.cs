using System.Text.Json.Nodes;

namespace FeedSync.SentinelEmulator.State;

// The persisted model. Public properties with setters because System.Text.Json writes and reads it as is.

/// <summary>Everything the emulator stores, for all workspaces.</summary>
internal sealed class EmulatorState
{
    public int Version { get; set; } = 1;

    public List<WorkspaceState> Workspaces { get; set; } = [];
}

/// <summary>One workspace's watchlists, saved searches, Watchlist table records and async operations.</summary>
internal sealed class WorkspaceState
{
    public string SubscriptionId { get; set; } = "";

    public string ResourceGroup { get; set; } = "";

    public string WorkspaceName { get; set; } = "";

    public Guid CustomerId { get; set; }

    public List<WatchlistState> Watchlists { get; set; } = [];

    public List<SavedSearchState> SavedSearches { get; set; } = [];

    public List<WatchlistLogRecord> WatchlistLog { get; set; } = [];

    public List<AsyncOperationState> Operations { get; set; } = [];
}

/// <summary>A user that created or updated a resource, as Sentinel reports it.</summary>
internal sealed record UserInfoState(string ObjectId, string? Email, string Name);

/// <summary>A watchlist and its items.</summary>
internal sealed class WatchlistState
{
    public string Alias { get; set; } = "";

    public Guid WatchlistId { get; set; }

    public string DisplayName { get; set; } = "";

    public string Provider { get; set; } = "";

    public string? Source { get; set; }

    public string? SourceType { get; set; }

    public string? Description { get; set; }

    public string ItemsSearchKey { get; set; } = "";

    public List<string> Labels { get; set; } = [];

    public string? DefaultDuration { get; set; }

    public int NumberOfLinesToSkip { get; set; }

    public string? ContentType { get; set; }

    public string Etag { get; set; } = "";

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    public UserInfoState CreatedBy { get; set; } = EmulatorIdentity.Default;

    public UserInfoState UpdatedBy { get; set; } = EmulatorIdentity.Default;

    /// <summary>Gets or sets the upload status: New, InProgress, Complete or Failed; null after a plain update.</summary>
    public string? UploadStatus { get; set; }

    public string ProvisioningState { get; set; } = "Succeeded";

    public Guid? DeleteOperationId { get; set; }

    public Guid? UploadOperationId { get; set; }

    public List<WatchlistItemState> Items { get; set; } = [];
}

/// <summary>One watchlist item. Key values and entity mapping are kept as JSON text so any JSON value survives.</summary>
internal sealed class WatchlistItemState
{
    public Guid ItemId { get; set; }

    public string ItemsKeyValueJson { get; set; } = "{}";

    public string EntityMappingJson { get; set; } = "{}";

    public string Etag { get; set; } = "";

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    public UserInfoState CreatedBy { get; set; } = EmulatorIdentity.Default;

    public UserInfoState UpdatedBy { get; set; } = EmulatorIdentity.Default;

    public JsonObject ParseItemsKeyValue() => JsonNode.Parse(ItemsKeyValueJson) as JsonObject ?? [];
}

/// <summary>A Log Analytics saved search.</summary>
internal sealed class SavedSearchState
{
    public string Id { get; set; } = "";

    public string Category { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Query { get; set; } = "";

    public string? FunctionAlias { get; set; }

    public string? FunctionParameters { get; set; }

    public long Version { get; set; } = 2;

    public List<SavedSearchTagState>? Tags { get; set; }

    /// <summary>Gets or sets the etag; null for the built-in searches, which carry none.</summary>
    public string? Etag { get; set; }
}

/// <summary>A saved-search tag.</summary>
internal sealed record SavedSearchTagState(string Name, string Value);

/// <summary>A long-running watchlist operation, polled through its <c>Azure-AsyncOperation</c> URL.</summary>
internal sealed class AsyncOperationState
{
    public Guid OperationId { get; set; }

    public AsyncOperationKind Kind { get; set; }

    public string WatchlistAlias { get; set; } = "";

    public string ApiVersion { get; set; } = "";

    public DateTimeOffset StartTime { get; set; }

    public DateTimeOffset CompletesAt { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    /// <summary>Gets or sets the status: InProgress, Succeeded, Failed or Canceled.</summary>
    public string Status { get; set; } = AsyncOperationStatus.InProgress;

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Gets or sets the rows an upload adds when it completes, each as a JSON object text.</summary>
    public List<string> PendingRows { get; set; } = [];
}

/// <summary>The kinds of long-running watchlist operations.</summary>
internal enum AsyncOperationKind
{
    Upload,
    Delete,
}

/// <summary>The terminal and running states of an async operation, as ARM spells them.</summary>
internal static class AsyncOperationStatus
{
    public const string InProgress = "InProgress";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";
}

/// <summary>One record of the Log Analytics <c>Watchlist</c> table.</summary>
internal sealed class WatchlistLogRecord
{
    public DateTimeOffset TimeGenerated { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public string ItemType { get; set; } = "";

    public string ItemStatus { get; set; } = "";

    public string DtItemId { get; set; } = "";

    public Guid WatchlistId { get; set; }

    public string WatchlistItemId { get; set; } = "";

    public string WatchlistName { get; set; } = "";

    public string WatchlistAlias { get; set; } = "";

    public string? Source { get; set; }

    public string Provider { get; set; } = "";

    public UserInfoState CreatedBy { get; set; } = EmulatorIdentity.Default;

    public UserInfoState UpdatedBy { get; set; } = EmulatorIdentity.Default;

    public DateTimeOffset CreatedTime { get; set; }

    public DateTimeOffset LastUpdatedTime { get; set; }

    public string? Notes { get; set; }

    public string Tags { get; set; } = "[]";

    public string? DefaultDuration { get; set; }

    public string WatchlistItemJson { get; set; } = "{}";

    public string EntityMappingJson { get; set; } = "{}";

    public Guid CorrelationId { get; set; }

    public string SearchKey { get; set; } = "";
}
