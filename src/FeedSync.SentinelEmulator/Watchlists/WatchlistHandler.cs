using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>Serves watchlists: list, get, create or update (with optional <c>rawContent</c> upload), delete, and operation status.</summary>
internal static class WatchlistHandler
{
    /// <summary>The largest <c>rawContent</c> the emulator accepts, in UTF-8 bytes (3.8 MB).</summary>
    public const int MaxRawContentBytes = 3_800_000;

    public static EmulatorResponse List(WorkspaceState workspace, ArmRequestContext request) =>
        ArmPaging.Page(request, workspace.Watchlists, watchlist => WatchlistJson.Watchlist(workspace, watchlist, request.ApiVersion, includeEtag: false));

    public static EmulatorResponse Get(WorkspaceState workspace, ArmRequestContext request)
    {
        var watchlist = Find(workspace, request.Route.WatchlistAlias!);
        return watchlist is null
            ? NotFound(request.Route.WatchlistAlias!)
            : EmulatorResponse.Json(200, WatchlistJson.Watchlist(workspace, watchlist, request.ApiVersion, includeEtag: true));
    }

    public static EmulatorResponse Put(StoreSession session, WorkspaceState workspace, ArmRequestContext request)
    {
        var alias = request.Route.WatchlistAlias!;
        var (body, bodyError) = request.ReadJsonObject();
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (watchlistRequest, validationError) = WatchlistRequest.Parse(body!);
        if (validationError is not null)
        {
            return validationError;
        }

        var existing = Find(workspace, alias);
        if (existing?.DeleteOperationId is not null)
        {
            return DeleteInProgress(alias);
        }

        if (existing?.UploadOperationId is not null)
        {
            return EmulatorResponse.Error(409, "Conflict", $"An upload to watchlist '{existing.Alias}' is in progress. Poll its Azure-AsyncOperation URL until it ends, then send the next change.");
        }

        PendingUpload? upload = null;
        if (watchlistRequest!.RawContent is not null)
        {
            var (parsed, uploadError) = ParseUpload(watchlistRequest);
            if (uploadError is not null)
            {
                return uploadError;
            }

            upload = parsed;
        }

        var created = existing is null;
        var watchlist = existing ?? CreateWatchlist(workspace, alias, session.Now, request.Identity);
        ApplyProperties(watchlist, watchlistRequest, session.Now, request.Identity);
        watchlist.UploadStatus = created ? "New" : null;
        WatchlistLog.AppendWatchlist(workspace, watchlist, created ? WatchlistLog.Create : WatchlistLog.Update, session.Now, request.Options.IngestionDelay);
        session.MarkChanged();

        if (upload is null)
        {
            return EmulatorResponse.Json(200, WatchlistJson.Watchlist(workspace, watchlist, request.ApiVersion, includeEtag: true));
        }

        var operation = StartOperation(workspace, watchlist, AsyncOperationKind.Upload, session.Now, request.Options.UploadDuration, request.ApiVersion);
        operation.PendingRows = upload.Rows;
        operation.ErrorMessage = upload.Error;
        watchlist.UploadOperationId = operation.OperationId;
        watchlist.UploadStatus = "InProgress";
        watchlist.ProvisioningState = "InProgress";

        var response = EmulatorResponse.Json(201, WatchlistJson.Watchlist(workspace, watchlist, request.ApiVersion, includeEtag: true));
        return response.WithHeader("Azure-AsyncOperation", StatusUrl(request, workspace, operation));
    }

    public static EmulatorResponse Delete(StoreSession session, WorkspaceState workspace, ArmRequestContext request)
    {
        var alias = request.Route.WatchlistAlias!;
        var watchlist = Find(workspace, alias);
        if (watchlist is null)
        {
            return EmulatorResponse.Empty(204);
        }

        if (watchlist.UploadOperationId is not null)
        {
            return EmulatorResponse.Error(
                409,
                "Conflict",
                $"Watchlist '{alias}' cannot be deleted while its upload is in progress. Poll the upload's Azure-AsyncOperation URL until it ends, then delete again.");
        }

        var operation = watchlist.DeleteOperationId is { } running
            ? workspace.Operations.First(candidate => candidate.OperationId == running)
            : StartDelete(session, workspace, watchlist, request);

        var statusUrl = StatusUrl(request, workspace, operation);
        return EmulatorResponse.Raw(200, "{}")
            .WithHeader("Azure-AsyncOperation", statusUrl)
            .WithHeader("Location", statusUrl);
    }

    public static EmulatorResponse GetStatus(WorkspaceState workspace, ArmRequestContext request, TimeProvider timeProvider)
    {
        var operationId = request.Route.ChildName!;
        var operation = Guid.TryParse(operationId, out var id)
            ? workspace.Operations.Find(candidate => candidate.OperationId == id)
            : null;
        if (operation is null)
        {
            return NotFound(operationId);
        }

        var response = EmulatorResponse.Json(200, WatchlistJson.OperationStatus(workspace, operation));
        if (operation.Status == AsyncOperationStatus.InProgress)
        {
            var remaining = operation.CompletesAt - timeProvider.GetUtcNow();
            var seconds = Math.Clamp((int)Math.Ceiling(remaining.TotalSeconds), 1, 10);
            response.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public static WatchlistState? Find(WorkspaceState workspace, string alias) =>
        workspace.Watchlists.Find(watchlist => string.Equals(watchlist.Alias, alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>Creates the 404 body the service returns for a missing watchlist, item or operation.</summary>
    public static EmulatorResponse NotFound(string name) =>
        EmulatorResponse.Error(404, "404", $"Resource '{name}' does not exist");

    public static EmulatorResponse DeleteInProgress(string alias) =>
        EmulatorResponse.Error(
            409,
            "Conflict",
            $"Delete is currently in progress for watchlist '{alias}'. The alias cannot be created or changed until the delete finishes; poll the delete's Azure-AsyncOperation URL, then retry.");

    private static (PendingUpload? Upload, EmulatorResponse? Error) ParseUpload(WatchlistRequest request)
    {
        var delimiter = request.ContentType?.Trim().ToLowerInvariant() switch
        {
            "text/csv" => ',',
            "text/tsv" => '\t',
            _ => (char?)null,
        };
        if (delimiter is null)
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", $"The 'properties.contentType' '{request.ContentType}' is not supported with rawContent. Use 'text/csv' or 'text/tsv'."));
        }

        var size = Encoding.UTF8.GetByteCount(request.RawContent!);
        if (size > MaxRawContentBytes)
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", $"The 'properties.rawContent' is {size} bytes, over the limit of {MaxRawContentBytes} bytes (3.8 MB). Split the rows over several uploads."));
        }

        var content = DelimitedContentParser.Parse(request.RawContent!, delimiter.Value, request.NumberOfLinesToSkip);
        if (content.Header.Count == 0)
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", $"The 'properties.rawContent' could not be read: {string.Join(" ", content.Errors)}"));
        }

        if (!content.Header.Contains(request.ItemsSearchKey, StringComparer.OrdinalIgnoreCase))
        {
            return (null, EmulatorResponse.Error(400, "BadRequest", $"The itemsSearchKey '{request.ItemsSearchKey}' is not a column of the rawContent header ({string.Join(", ", content.Header)})."));
        }

        var rows = content.Rows.Select(row => ToItemJson(content.Header, row)).ToList();
        var error = content.Errors.Count == 0 ? null : string.Join(" ", content.Errors);
        return (new PendingUpload(error is null ? rows : [], error), null);
    }

    private static string ToItemJson(IReadOnlyList<string> header, IReadOnlyList<string> row)
    {
        var item = new JsonObject();
        for (var column = 0; column < header.Count; column++)
        {
            item[header[column]] = row[column];
        }

        return item.ToJsonString();
    }

    private static WatchlistState CreateWatchlist(WorkspaceState workspace, string alias, DateTimeOffset now, UserInfoState identity)
    {
        var watchlist = new WatchlistState
        {
            Alias = alias,
            WatchlistId = Guid.NewGuid(),
            Created = now,
            CreatedBy = identity,
        };
        workspace.Watchlists.Add(watchlist);
        return watchlist;
    }

    private static void ApplyProperties(WatchlistState watchlist, WatchlistRequest request, DateTimeOffset now, UserInfoState identity)
    {
        watchlist.DisplayName = request.DisplayName;
        watchlist.Provider = request.Provider;
        watchlist.ItemsSearchKey = request.ItemsSearchKey;
        watchlist.Source = request.Source;
        watchlist.SourceType = request.SourceType;
        watchlist.Description = request.Description;
        watchlist.Labels = [.. request.Labels];
        watchlist.DefaultDuration = request.DefaultDuration;
        watchlist.NumberOfLinesToSkip = request.NumberOfLinesToSkip;
        watchlist.ContentType = request.ContentType;
        watchlist.ProvisioningState = "Succeeded";

        // The service gives a watchlist a new etag on every PUT, even an unchanged one (unlike items).
        watchlist.Etag = ArmFormat.NewResourceEtag(now);
        watchlist.Updated = now;
        watchlist.UpdatedBy = identity;
    }

    private static AsyncOperationState StartDelete(StoreSession session, WorkspaceState workspace, WatchlistState watchlist, ArmRequestContext request)
    {
        var operation = StartOperation(workspace, watchlist, AsyncOperationKind.Delete, session.Now, request.Options.DeleteDuration, request.ApiVersion);
        watchlist.DeleteOperationId = operation.OperationId;
        watchlist.ProvisioningState = "Deleting";
        session.MarkChanged();
        return operation;
    }

    private static AsyncOperationState StartOperation(WorkspaceState workspace, WatchlistState watchlist, AsyncOperationKind kind, DateTimeOffset now, TimeSpan duration, string apiVersion)
    {
        var operation = new AsyncOperationState
        {
            OperationId = Guid.NewGuid(),
            Kind = kind,
            WatchlistAlias = watchlist.Alias,
            ApiVersion = apiVersion,
            StartTime = now,
            CompletesAt = now + duration,
        };
        workspace.Operations.Add(operation);
        return operation;
    }

    /// <summary>
    /// Builds the status URL like ARM's: the watchlist id plus <c>/watchlistStatuses/{operationId}</c>, the
    /// api-version, and signed-URL parameters (<c>t</c>, <c>c</c>, <c>s</c>, <c>h</c>) that callers must keep as they are.
    /// </summary>
    private static string StatusUrl(ArmRequestContext request, WorkspaceState workspace, AsyncOperationState operation)
    {
        var path = $"{WatchlistJson.WatchlistResourceId(workspace, operation.WatchlistAlias)}/watchlistStatuses/{operation.OperationId:D}".TrimStart('/');
        var ticks = operation.StartTime.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        return new Uri(request.BaseUri, path).AbsoluteUri
            + $"?api-version={Uri.EscapeDataString(request.ApiVersion)}&t={ticks}&c=feedsync-emulator&s={signature}&h={signature[..16]}";
    }

    private sealed record PendingUpload(List<string> Rows, string? Error);
}
