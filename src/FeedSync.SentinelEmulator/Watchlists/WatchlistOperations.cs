using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;
using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>Ends the uploads and deletes whose time has come: uploads add their rows, deletes remove the watchlist.</summary>
internal sealed class WatchlistOperations(SentinelEmulatorOptions options, ILogger logger)
{
    /// <summary>Ends every due operation in every workspace; returns whether anything changed.</summary>
    public bool CompleteDue(StoreSession session)
    {
        var changed = false;
        foreach (var workspace in session.State.Workspaces)
        {
            foreach (var operation in workspace.Operations.Where(operation => operation.Status == AsyncOperationStatus.InProgress && operation.CompletesAt <= session.Now).ToList())
            {
                if (operation.Kind == AsyncOperationKind.Upload)
                {
                    CompleteUpload(workspace, operation);
                }
                else
                {
                    CompleteDelete(workspace, operation);
                }

                operation.EndTime = operation.CompletesAt;
                Log.OperationEnded(logger, operation.OperationId, operation.Kind.ToString(), operation.WatchlistAlias, operation.Status);
                changed = true;
            }
        }

        return changed;
    }

    private void CompleteUpload(WorkspaceState workspace, AsyncOperationState operation)
    {
        var watchlist = WatchlistHandler.Find(workspace, operation.WatchlistAlias);
        if (watchlist is null)
        {
            operation.Status = AsyncOperationStatus.Canceled;
            return;
        }

        watchlist.UploadOperationId = null;
        if (operation.ErrorMessage is not null)
        {
            operation.Status = AsyncOperationStatus.Failed;
            operation.ErrorCode = "BadRequest";
            operation.ErrorMessage = $"The rawContent of watchlist '{watchlist.Alias}' could not be processed, so no item was added: {operation.ErrorMessage}";
            watchlist.UploadStatus = "Failed";
            watchlist.ProvisioningState = "Failed";
            return;
        }

        var time = operation.CompletesAt;
        foreach (var rowJson in operation.PendingRows)
        {
            var item = new WatchlistItemState
            {
                ItemId = Guid.NewGuid(),
                ItemsKeyValueJson = rowJson,
                Etag = ArmFormat.NewResourceEtag(time),
                Created = time,
                Updated = time,
                CreatedBy = watchlist.UpdatedBy,
                UpdatedBy = watchlist.UpdatedBy,
            };
            watchlist.Items.Add(item);
            WatchlistLog.AppendItem(workspace, watchlist, item, WatchlistLog.Create, time, options.IngestionDelay);
        }

        operation.PendingRows = [];
        operation.Status = AsyncOperationStatus.Succeeded;
        watchlist.UploadStatus = "Complete";
        watchlist.ProvisioningState = "Succeeded";
    }

    private void CompleteDelete(WorkspaceState workspace, AsyncOperationState operation)
    {
        var watchlist = workspace.Watchlists.Find(candidate => candidate.DeleteOperationId == operation.OperationId);
        if (watchlist is not null)
        {
            var time = operation.CompletesAt;
            foreach (var item in watchlist.Items)
            {
                WatchlistLog.AppendItem(workspace, watchlist, item, WatchlistLog.Delete, time, options.IngestionDelay);
            }

            WatchlistLog.AppendWatchlist(workspace, watchlist, WatchlistLog.Delete, time, options.IngestionDelay);
            workspace.Watchlists.Remove(watchlist);
        }

        operation.Status = AsyncOperationStatus.Succeeded;
    }
}
