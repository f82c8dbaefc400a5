using Azure.Core;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.SavedSearches;

/// <summary>
/// Manages a workspace's Log Analytics saved searches through Azure Resource Manager
/// (<c>Microsoft.OperationalInsights/workspaces/savedSearches</c>), where Sentinel keeps hunting queries.
/// </summary>
public class SentinelSavedSearchClient
{
    private readonly SentinelPipeline _pipeline = null!;
    private readonly SentinelWorkspaceResourceId _workspace = null!;

    /// <summary>Creates a client for the workspace.</summary>
    public SentinelSavedSearchClient(SentinelWorkspaceResourceId workspace, TokenCredential credential, SentinelClientOptions? options = null)
        : this(new SentinelClient(workspace, credential, options).ArmPipeline, workspace)
    {
    }

    /// <summary>Creates a client for mocking.</summary>
    protected SentinelSavedSearchClient()
    {
    }

    internal SentinelSavedSearchClient(SentinelPipeline pipeline, SentinelWorkspaceResourceId workspace)
    {
        _pipeline = pipeline;
        _workspace = workspace;
    }

    /// <summary>Lists the workspace's saved searches, including the built-in ones.</summary>
    public virtual IAsyncEnumerable<SentinelSavedSearch> GetSavedSearchesAsync(CancellationToken cancellationToken = default)
    {
        var request = new ServiceRequest(RequestMethod.Get, CollectionUri(), RequestKind.Read, "LIST saved searches", _workspace.WorkspaceName);
        return ArmPaging.ReadAllAsync(_pipeline, request, SavedSearchJson.Read, cancellationToken);
    }

    /// <summary>Gets a saved search, or null when none has that id.</summary>
    public virtual async Task<SentinelSavedSearch?> GetSavedSearchIfExistsAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        ValidateId(savedSearchId);

        var request = new ServiceRequest(RequestMethod.Get, SavedSearchUri(savedSearchId), RequestKind.Read, "GET saved search", savedSearchId);
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return null;
        }

        if (!response.IsSuccess)
        {
            throw _pipeline.CreateException(request, response, retries);
        }

        using var document = response.ParseJson();
        return SavedSearchJson.Read(document.RootElement);
    }

    /// <summary>Gets a saved search.</summary>
    /// <exception cref="SentinelRequestException">The saved search does not exist (status 404) or the request failed.</exception>
    public virtual async Task<SentinelSavedSearch> GetSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        return await GetSavedSearchIfExistsAsync(savedSearchId, cancellationToken)
            ?? throw new SentinelRequestException(404, "SavedSearchNotFound", $"Saved search '{savedSearchId}' does not exist in {_pipeline.Target}.", null);
    }

    /// <summary>
    /// Creates or updates a saved search. Its <see cref="SentinelSavedSearch.ETag"/> makes the write
    /// conditional: a stale etag fails with status 409 or 412.
    /// </summary>
    /// <remarks>
    /// The PUT is retried after transient failures. When an attempt succeeded but its response was lost,
    /// a conditional retry fails on the etag the first attempt changed.
    /// </remarks>
    public virtual async Task<SentinelSavedSearch> CreateOrUpdateSavedSearchAsync(SentinelSavedSearch savedSearch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(savedSearch);
        ValidateId(savedSearch.Id);
        if (string.IsNullOrWhiteSpace(savedSearch.DisplayName) || string.IsNullOrWhiteSpace(savedSearch.Category) || string.IsNullOrWhiteSpace(savedSearch.Query))
        {
            throw new ArgumentException($"Saved search '{savedSearch.Id}' needs a DisplayName, a Category and a Query; the service rejects one without them.", nameof(savedSearch));
        }

        var request = new ServiceRequest(RequestMethod.Put, SavedSearchUri(savedSearch.Id), RequestKind.Write, "PUT saved search", savedSearch.Id)
        {
            Body = SavedSearchJson.Write(savedSearch),
        };
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (!response.IsSuccess)
        {
            var advice = response.Status is 409 or 412
                ? "The etag sent is no longer current: read the saved search again and retry with its etag, or send '*' to overwrite."
                : null;
            throw _pipeline.CreateException(request, response, retries, advice);
        }

        using var document = response.ParseJson();
        return SavedSearchJson.Read(document.RootElement);
    }

    /// <summary>Deletes a saved search.</summary>
    /// <returns>False when the service returned 404; true otherwise.</returns>
    public virtual async Task<bool> DeleteSavedSearchAsync(string savedSearchId, CancellationToken cancellationToken = default)
    {
        ValidateId(savedSearchId);

        var request = new ServiceRequest(RequestMethod.Delete, SavedSearchUri(savedSearchId), RequestKind.Delete, "DELETE saved search", savedSearchId);
        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            _pipeline.ThrowIfWorkspaceNotFound(request, response, retries);
            return false;
        }

        if (!response.IsSuccess)
        {
            throw _pipeline.CreateException(request, response, retries);
        }

        return true;
    }

    // The saved-search paths use lower-case 'resourcegroups', as the OperationalInsights specification does.
    private string CollectionPath() =>
        $"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/subscriptions/{_workspace.SubscriptionId}/resourcegroups/{Uri.EscapeDataString(_workspace.ResourceGroupName)}/providers/Microsoft.OperationalInsights/workspaces/{_workspace.WorkspaceName}/savedSearches";

    private Uri CollectionUri() => new($"{CollectionPath()}?api-version={Uri.EscapeDataString(_pipeline.Options.SavedSearchesApiVersion)}");

    private Uri SavedSearchUri(string savedSearchId) =>
        new($"{CollectionPath()}/{Uri.EscapeDataString(savedSearchId)}?api-version={Uri.EscapeDataString(_pipeline.Options.SavedSearchesApiVersion)}");

    private static void ValidateId(string savedSearchId)
    {
        if (string.IsNullOrWhiteSpace(savedSearchId) || savedSearchId.IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"The saved search id '{savedSearchId}' is invalid: it must be non-empty and contain no '/', '\\', '?' or '#'.", nameof(savedSearchId));
        }
    }
}
