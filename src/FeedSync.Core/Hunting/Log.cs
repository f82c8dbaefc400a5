using Microsoft.Extensions.Logging;

namespace FeedSync.Hunting;

/// <summary>The log messages of the hunting content, event ids 6000 to 6999.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Built hunting content: {ScopeCount} scopes, {QueryCount} queries, style {Style}")]
    public static partial void ContentBuilt(ILogger logger, int scopeCount, int queryCount, HuntingQueryStyle style);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Configured family {Family} has no indicators in this run; its published queries are kept")]
    public static partial void FamilyWithoutIndicators(ILogger logger, string family);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Query {QueryName} lists {InlinedCount} of {IndicatorCount} indicators inline; raise FeedSync:Hunting:InlineMaxIndicators or use the watchlist style to cover all")]
    public static partial void InlineListTruncated(ILogger logger, string queryName, int inlinedCount, int indicatorCount);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Publishing {QueryCount} hunting queries (dry run: {DryRun})")]
    public static partial void PublishStarted(ILogger logger, int queryCount, bool dryRun);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Published hunting queries: {Created} created, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Kept} kept, {Conflicts} conflicts (dry run: {DryRun})")]
    public static partial void PublishFinished(ILogger logger, int created, int updated, int unchanged, int removed, int kept, int conflicts, bool dryRun);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Creating saved search {SavedSearchId} {DisplayName}")]
    public static partial void SavedSearchCreating(ILogger logger, string savedSearchId, string displayName);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "Updating saved search {SavedSearchId} {DisplayName}")]
    public static partial void SavedSearchUpdating(ILogger logger, string savedSearchId, string displayName);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Information, Message = "Removing saved search {SavedSearchId} {DisplayName} of scope {ScopeKey}, which is no longer published")]
    public static partial void SavedSearchRemoving(ILogger logger, string savedSearchId, string displayName, string scopeKey);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Warning, Message = "Saved search {SavedSearchId} {DisplayName} has the id of a FeedSync query but was not created by FeedSync; it is left unchanged")]
    public static partial void SavedSearchIdConflict(ILogger logger, string savedSearchId, string displayName);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Rendering {Format} hunting content of family {Family} into {Directory}")]
    public static partial void RenderStarted(ILogger logger, string format, string family, string directory);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Wrote {FileCount} files into {Directory}")]
    public static partial void RenderFinished(ILogger logger, int fileCount, string directory);
}
