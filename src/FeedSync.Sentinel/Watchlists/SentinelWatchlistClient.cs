using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Core;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.Watchlists;

/// <summary>
/// Manages Microsoft Sentinel watchlists and watchlist items through Azure Resource Manager
/// (<c>Microsoft.SecurityInsights/watchlists</c>).
/// </summary>
public class SentinelWatchlistClient
{
    /// <summary>
    /// The maximum size of one bulk upload's CSV in UTF-8 bytes. Sentinel documents a 3.8 MB limit for
    /// a local file; this client reads MB as 1,000,000 bytes, the stricter reading.
    /// </summary>
    public const int MaxRawContentBytes = 3_800_000;

    private readonly SentinelPipeline _pipeline = null!;
    private readonly AsyncOperationPoller _poller = null!;
    private readonly SentinelWorkspaceResourceId _workspace = null!;
    private readonly ConcurrentDictionary<string, bool> _pendingDeletes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a client for the workspace.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="credential">The credential for Azure Resource Manager.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public SentinelWatchlistClient(SentinelWorkspaceResourceId workspace, TokenCredential credential, SentinelClientOptions? options = null)
        : this(new SentinelClient(workspace, credential, options).ArmPipeline, workspace)
    {
    }

    /// <summary>Creates a client for mocking.</summary>
    protected SentinelWatchlistClient()
    {
    }

    internal SentinelWatchlistClient(SentinelPipeline pipeline, SentinelWorkspaceResourceId workspace)
    {
        _pipeline = pipeline;
        _poller = new AsyncOperationPoller(pipeline);
        _workspace = workspace;
    }

    /// <summary>Gets a watchlist.</summary>
    /// <exception cref="SentinelRequestException">The watchlist does not exist (status 404) or the request failed.</exception>
    public virtual async Task<SentinelWatchlist> GetWatchlistAsync(string watchlistAlias, CancellationToken cancellationToken = default)
    {
        return await GetWatchlistIfExistsAsync(watchlistAlias, cancellationToken)
            ?? throw new SentinelRequestException(404, "NotFound", $"Watchlist '{watchlistAlias}' does not exist in {_pipeline.Target}.", null);
    }

    /// <summary>Gets a watchlist, or null when the workspace has none with that alias.</summary>
    public virtual async Task<SentinelWatchlist?> GetWatchlistIfExistsAsync(string watchlistAlias, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);

        var request = new ServiceRequest(RequestMethod.Get, WatchlistUri(watchlistAlias), RequestKind.Read, "GET watchlist", watchlistAlias);
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return null;
        }

        using var document = EnsureSuccess(request, response, retries).ParseJson();
        return WatchlistJson.ReadWatchlist(document.RootElement);
    }

    /// <summary>Lists the workspace's watchlists, following every nextLink.</summary>
    public virtual IAsyncEnumerable<SentinelWatchlist> GetWatchlistsAsync(CancellationToken cancellationToken = default)
    {
        var request = new ServiceRequest(RequestMethod.Get, CollectionUri(), RequestKind.Read, "LIST watchlists", _workspace.WorkspaceName);
        return ArmPaging.ReadAllAsync(_pipeline, request, WatchlistJson.ReadWatchlist, cancellationToken);
    }

    /// <summary>Creates a watchlist or updates its properties, without uploading rows.</summary>
    /// <exception cref="WatchlistDeleteInProgressException">A delete of the alias is still in progress.</exception>
    /// <exception cref="SentinelRequestException">The request failed.</exception>
    public virtual async Task<SentinelWatchlist> CreateOrUpdateWatchlistAsync(
        string watchlistAlias, SentinelWatchlistData data, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);
        ValidateData(data);

        var request = new ServiceRequest(RequestMethod.Put, WatchlistUri(watchlistAlias), RequestKind.Write, "PUT watchlist", watchlistAlias)
        {
            Body = WatchlistJson.WriteWatchlist(data),
        };
        var response = await SendWatchlistWriteAsync(request, watchlistAlias, cancellationToken);
        await _poller.WaitAsync(response, "watchlist update", watchlistAlias, cancellationToken);

        using var document = response.ParseJson();
        return WatchlistJson.ReadWatchlist(document.RootElement);
    }

    /// <summary>
    /// Adds rows to a watchlist (creating it when missing) by uploading CSV through <c>rawContent</c>, and
    /// waits until the service reports the upload as Succeeded. The upload only adds rows, and the service
    /// assigns their item ids.
    /// </summary>
    /// <param name="watchlistAlias">The watchlist alias.</param>
    /// <param name="data">The watchlist properties sent with the upload.</param>
    /// <param name="csv">The CSV: <paramref name="numberOfLinesToSkip"/> lines, a header line, then rows. At most <see cref="MaxRawContentBytes"/> UTF-8 bytes.</param>
    /// <param name="numberOfLinesToSkip">The lines before the header that the service skips.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <remarks>
    /// The request is retried after 429 only: repeating an upload that the service may have accepted
    /// would add its rows twice.
    /// </remarks>
    /// <exception cref="ArgumentException">The CSV is empty or larger than <see cref="MaxRawContentBytes"/>.</exception>
    /// <exception cref="WatchlistDeleteInProgressException">A delete of the alias is still in progress.</exception>
    /// <exception cref="SentinelRequestException">The request failed, or the upload ended as Failed or Canceled.</exception>
    public virtual async Task<SentinelWatchlist> UploadWatchlistItemsAsync(
        string watchlistAlias, SentinelWatchlistData data, string csv, int numberOfLinesToSkip = 0, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);
        ValidateData(data);
        ValidateCsv(watchlistAlias, csv, numberOfLinesToSkip);

        var request = new ServiceRequest(RequestMethod.Put, WatchlistUri(watchlistAlias), RequestKind.Write, "PUT watchlist bulk upload", watchlistAlias)
        {
            Body = WatchlistJson.WriteWatchlist(data, csv, numberOfLinesToSkip, data.Source ?? watchlistAlias + ".csv"),
            Replay = ReplaySafety.ThrottledOnly,
        };
        var response = await SendWatchlistWriteAsync(request, watchlistAlias, cancellationToken);

        var operationStatus = await _poller.WaitAsync(response, "watchlist upload", watchlistAlias, cancellationToken);
        using var document = response.ParseJson();
        var watchlist = WatchlistJson.ReadWatchlist(document.RootElement);
        if (operationStatus is null && IsUploadFailed(watchlist))
        {
            throw new SentinelRequestException(
                response.Status,
                "UploadFailed",
                $"The upload to watchlist '{watchlistAlias}' ended with provisioning state '{watchlist.ProvisioningState}'. Request id: {response.RequestId ?? "none"}.",
                response.RequestId);
        }

        return watchlist;
    }

    /// <summary>
    /// Deletes a watchlist. With <see cref="WaitUntil.Completed"/> the client polls the delete until it
    /// finishes; with <see cref="WaitUntil.Started"/> it returns once the service accepted it, and writes to
    /// the alias fail with <see cref="WatchlistDeleteInProgressException"/> until the delete finishes.
    /// </summary>
    /// <returns>
    /// False when the service returned 404; true otherwise. ARM may return 204 for an alias that does
    /// not exist, so true does not prove that a watchlist existed.
    /// </returns>
    public virtual async Task<bool> DeleteWatchlistAsync(
        string watchlistAlias, WaitUntil waitUntil = WaitUntil.Completed, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);

        var request = new ServiceRequest(RequestMethod.Delete, WatchlistUri(watchlistAlias), RequestKind.Delete, "DELETE watchlist", watchlistAlias);
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return false;
        }

        EnsureSuccess(request, response, retries);
        var hasStatusUrl = response.GetHeader("Azure-AsyncOperation") is not null || response.GetHeader("Location") is not null;
        Log.WatchlistDeleteAccepted(_pipeline.Logger, watchlistAlias, hasStatusUrl);
        if (!hasStatusUrl || response.Status == 204)
        {
            return true;
        }

        _pendingDeletes[watchlistAlias] = true;
        if (waitUntil == WaitUntil.Completed)
        {
            await _poller.WaitAsync(response, "watchlist delete", watchlistAlias, cancellationToken);
            _pendingDeletes.TryRemove(watchlistAlias, out _);
        }

        return true;
    }

    /// <summary>Lists a watchlist's items, following every nextLink.</summary>
    public virtual IAsyncEnumerable<SentinelWatchlistItem> GetWatchlistItemsAsync(string watchlistAlias, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);

        var request = new ServiceRequest(RequestMethod.Get, ItemsUri(watchlistAlias), RequestKind.Read, "LIST watchlist items", watchlistAlias);
        return ArmPaging.ReadAllAsync(_pipeline, request, WatchlistJson.ReadItem, cancellationToken);
    }

    /// <summary>Gets a watchlist item, or null when the watchlist has no item with that id.</summary>
    public virtual async Task<SentinelWatchlistItem?> GetWatchlistItemIfExistsAsync(
        string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);

        var request = new ServiceRequest(RequestMethod.Get, ItemUri(watchlistAlias, itemId), RequestKind.Read, "GET watchlist item", ItemName(watchlistAlias, itemId));
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return null;
        }

        using var document = EnsureSuccess(request, response, retries).ParseJson();
        return WatchlistJson.ReadItem(document.RootElement);
    }

    /// <summary>Gets a watchlist item.</summary>
    /// <exception cref="SentinelRequestException">The item does not exist (status 404) or the request failed.</exception>
    public virtual async Task<SentinelWatchlistItem> GetWatchlistItemAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default)
    {
        return await GetWatchlistItemIfExistsAsync(watchlistAlias, itemId, cancellationToken)
            ?? throw new SentinelRequestException(404, "NotFound", $"Watchlist item '{ItemName(watchlistAlias, itemId)}' does not exist in {_pipeline.Target}.", null);
    }

    /// <summary>Creates or replaces a watchlist item under the caller's item id.</summary>
    /// <exception cref="WatchlistDeleteInProgressException">A delete of the watchlist is still in progress.</exception>
    /// <exception cref="SentinelRequestException">The request failed.</exception>
    public virtual async Task<SentinelWatchlistItem> CreateOrUpdateWatchlistItemAsync(
        string watchlistAlias, Guid itemId, IReadOnlyDictionary<string, string> itemsKeyValue, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);
        ArgumentNullException.ThrowIfNull(itemsKeyValue);
        if (itemId == Guid.Empty)
        {
            throw new ArgumentException("The watchlist item id must not be the empty GUID.", nameof(itemId));
        }

        var request = new ServiceRequest(RequestMethod.Put, ItemUri(watchlistAlias, itemId), RequestKind.Write, "PUT watchlist item", ItemName(watchlistAlias, itemId))
        {
            Body = WatchlistJson.WriteItem(itemsKeyValue),
        };
        var response = await SendWatchlistWriteAsync(request, watchlistAlias, cancellationToken);

        using var document = response.ParseJson();
        return WatchlistJson.ReadItem(document.RootElement);
    }

    /// <summary>Deletes a watchlist item.</summary>
    /// <returns>False when the service returned 404; true otherwise, including a 204 for an item that did not exist.</returns>
    public virtual async Task<bool> DeleteWatchlistItemAsync(string watchlistAlias, Guid itemId, CancellationToken cancellationToken = default)
    {
        ValidateAlias(watchlistAlias);

        var request = new ServiceRequest(RequestMethod.Delete, ItemUri(watchlistAlias, itemId), RequestKind.Delete, "DELETE watchlist item", ItemName(watchlistAlias, itemId));
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return false;
        }

        EnsureSuccess(request, response, retries);
        return true;
    }

    private async Task<ServiceResponse> SendWatchlistWriteAsync(ServiceRequest request, string watchlistAlias, CancellationToken cancellationToken)
    {
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.IsSuccess)
        {
            _pendingDeletes.TryRemove(watchlistAlias, out _);
            return response;
        }

        if (IsDeleteInProgressRejection(watchlistAlias, response))
        {
            Log.WatchlistDeleteInProgress(_pipeline.Logger, watchlistAlias, response.RequestId);
            var (code, serviceMessage) = SentinelErrors.ReadError(response);
            throw new WatchlistDeleteInProgressException(
                watchlistAlias,
                response.Status,
                code,
                $"Watchlist '{watchlistAlias}' cannot be written while its delete is still in progress ({serviceMessage ?? "no error message"}). Sentinel keeps a deleted alias reserved until the delete finishes, which can take minutes: retry later, or use another alias. Request id: {response.RequestId ?? "none"}.",
                response.RequestId);
        }

        throw _pipeline.CreateException(request, response, retries);
    }

    private bool IsDeleteInProgressRejection(string watchlistAlias, ServiceResponse response)
    {
        if (response.Status is not (400 or 409))
        {
            return false;
        }

        if (_pendingDeletes.ContainsKey(watchlistAlias))
        {
            return true;
        }

        var (code, message) = SentinelErrors.ReadError(response);
        return MentionsDeletion(code) || MentionsDeletion(message);
    }

    // NOTE: no recorded service session shows this rejection, so the wording matched here ("Delete is
    // currently in progress", "is being deleted") is the emulator's and an estimate of the service's.
    private static bool MentionsDeletion(string? text) =>
        text is not null
        && text.Contains("delet", StringComparison.OrdinalIgnoreCase)
        && (text.Contains("progress", StringComparison.OrdinalIgnoreCase) || text.Contains("being", StringComparison.OrdinalIgnoreCase));

    private ServiceResponse EnsureSuccess(ServiceRequest request, ServiceResponse response, int retries) =>
        response.IsSuccess ? response : throw _pipeline.CreateException(request, response, retries);

    private static bool IsUploadFailed(SentinelWatchlist watchlist) =>
        string.Equals(watchlist.ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase)
        || string.Equals(watchlist.ProvisioningState, "Canceled", StringComparison.OrdinalIgnoreCase);

    private Uri CollectionUri() => new(
        $"{ArmBase()}/providers/Microsoft.SecurityInsights/watchlists?api-version={Uri.EscapeDataString(_pipeline.Options.SecurityInsightsApiVersion)}");

    private Uri WatchlistUri(string alias) => new(
        $"{ArmBase()}/providers/Microsoft.SecurityInsights/watchlists/{Uri.EscapeDataString(alias)}?api-version={Uri.EscapeDataString(_pipeline.Options.SecurityInsightsApiVersion)}");

    private Uri ItemsUri(string alias) => new(
        $"{ArmBase()}/providers/Microsoft.SecurityInsights/watchlists/{Uri.EscapeDataString(alias)}/watchlistItems?api-version={Uri.EscapeDataString(_pipeline.Options.SecurityInsightsApiVersion)}");

    private Uri ItemUri(string alias, Guid itemId) => new(
        $"{ArmBase()}/providers/Microsoft.SecurityInsights/watchlists/{Uri.EscapeDataString(alias)}/watchlistItems/{itemId:D}?api-version={Uri.EscapeDataString(_pipeline.Options.SecurityInsightsApiVersion)}");

    private string ArmBase() => _pipeline.Endpoint.AbsoluteUri.TrimEnd('/') + _workspace;

    private static string ItemName(string alias, Guid itemId) => $"{alias}/{itemId:D}";

    private static void ValidateAlias(string watchlistAlias)
    {
        if (string.IsNullOrWhiteSpace(watchlistAlias) || watchlistAlias.IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"The watchlist alias '{watchlistAlias}' is invalid: it must be non-empty and contain no '/', '\\', '?' or '#'.", nameof(watchlistAlias));
        }
    }

    private static void ValidateData(SentinelWatchlistData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(data.DisplayName) || string.IsNullOrWhiteSpace(data.Provider) || string.IsNullOrWhiteSpace(data.ItemsSearchKey))
        {
            throw new ArgumentException("A watchlist needs a DisplayName, a Provider and an ItemsSearchKey; the service rejects a watchlist without them.", nameof(data));
        }
    }

    private static void ValidateCsv(string watchlistAlias, string csv, int numberOfLinesToSkip)
    {
        if (string.IsNullOrEmpty(csv))
        {
            throw new ArgumentException($"The CSV for watchlist '{watchlistAlias}' is empty; it needs at least a header line.", nameof(csv));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(numberOfLinesToSkip);

        var bytes = Encoding.UTF8.GetByteCount(csv);
        if (bytes > MaxRawContentBytes)
        {
            throw new ArgumentException(
                $"The CSV for watchlist '{watchlistAlias}' is {bytes} bytes, more than the {MaxRawContentBytes} bytes one upload may carry. Split it into several uploads, each with the header line.",
                nameof(csv));
        }
    }
}
