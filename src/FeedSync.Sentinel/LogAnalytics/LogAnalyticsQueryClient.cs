using System.Text.Json;
using Azure.Core;
using FeedSync.Sentinel.Pipeline;

namespace FeedSync.Sentinel.LogAnalytics;

/// <summary>
/// Runs KQL queries against Log Analytics workspaces: <c>POST /v1/workspaces/{workspaceId}/query</c>.
/// </summary>
/// <remarks>
/// The query POST is read-only, so the client retries it like an idempotent request.
/// </remarks>
public class LogAnalyticsQueryClient
{
    private readonly SentinelPipeline _pipeline = null!;

    /// <summary>Creates a client.</summary>
    /// <param name="credential">The credential for Log Analytics.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public LogAnalyticsQueryClient(TokenCredential credential, SentinelClientOptions? options = null)
        : this(SentinelClient.CreateLogAnalyticsPipeline(credential, options ?? new SentinelClientOptions(), new SentinelCallCounters(), "the queried Log Analytics workspace"))
    {
    }

    /// <summary>Creates a client for mocking.</summary>
    protected LogAnalyticsQueryClient()
    {
    }

    internal LogAnalyticsQueryClient(SentinelPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Runs a query.</summary>
    /// <param name="workspaceId">The workspace's customer id (a GUID), not its name.</param>
    /// <param name="query">The KQL query.</param>
    /// <param name="timespan">The time range back from now that the service applies on top of the query's own filters; null for none.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The tables; <see cref="LogAnalyticsQueryResult.Error"/> is set when the service reported a partial failure.</returns>
    /// <exception cref="SentinelRequestException">The query was rejected (such as a syntax error, status 400) or the request failed.</exception>
    public virtual async Task<LogAnalyticsQueryResult> QueryWorkspaceAsync(
        Guid workspaceId, string query, TimeSpan? timespan = null, CancellationToken cancellationToken = default)
    {
        if (workspaceId == Guid.Empty)
        {
            throw new ArgumentException("The workspace id must be the workspace's customer id GUID, not the empty GUID.", nameof(workspaceId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(query);

        var uri = new Uri($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/v1/workspaces/{workspaceId:D}/query");
        var request = new ServiceRequest(RequestMethod.Post, uri, RequestKind.Query, "Log Analytics query on workspace", workspaceId.ToString("D"))
        {
            Body = LogAnalyticsQueryJson.WriteQuery(query, timespan),
        };

        var (response, retries) = await _pipeline.SendAsync(request, cancellationToken);
        if (!response.IsSuccess)
        {
            throw _pipeline.CreateException(request, response, retries);
        }

        using var document = response.ParseJson();
        var result = ReadResult(request, response, document.RootElement);
        if (result.Error is { } error)
        {
            Log.QueryPartialError(_pipeline.Logger, workspaceId, error.Code, error.Message);
        }

        return result;
    }

    private static LogAnalyticsQueryResult ReadResult(ServiceRequest request, ServiceResponse response, JsonElement root)
    {
        try
        {
            return LogAnalyticsQueryJson.ReadResult(root);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or OverflowException or KeyNotFoundException)
        {
            throw new SentinelRequestException(
                response.Status,
                "InvalidQueryResponse",
                $"{request.Operation} '{request.Resource}' returned a result that could not be read ({exception.Message}). Request id: {response.RequestId ?? "none"}.",
                response.RequestId,
                exception);
        }
    }
}
