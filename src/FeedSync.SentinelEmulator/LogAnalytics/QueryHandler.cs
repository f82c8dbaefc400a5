using System.Text.Json;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.State;
using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>
/// Serves the Log Analytics query API, <c>POST /v1/workspaces/{customerId}/query</c> (and GET with
/// <c>?query=</c>), from the emulated <c>Watchlist</c> table. Queries it cannot evaluate get a 400
/// <c>BadArgumentError</c> naming the unsupported part, never an invented result.
/// </summary>
internal sealed class QueryHandler(ILogger logger)
{
    public EmulatorResponse Handle(StoreSession session, string workspaceId, string method, string? body, string? queryParameter, string? timespanParameter)
    {
        if (!Guid.TryParse(workspaceId, out var customerId))
        {
            return Error(400, "BadArgumentError", $"The workspace id '{workspaceId}' is not a GUID. Use the workspace's customer id (the Workspace ID in the portal), not its name.", null);
        }

        var workspace = session.FindWorkspace(customerId);
        if (workspace is null)
        {
            return Error(404, "WorkspaceNotFoundError", $"The workspace '{workspaceId}' could not be found.", null);
        }

        var (query, timespan, requestError) = method == "GET" ? (queryParameter, timespanParameter, null) : ReadBody(body, customerId);
        if (requestError is not null)
        {
            return requestError;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return Error(400, "BadArgumentError", "The request has no query. Send {\"query\":\"...\"}.", null);
        }

        if (!QueryTimeRange.TryParse(timespan, session.Now, out var range))
        {
            return Error(400, "BadArgumentError", $"The timespan '{timespan}' is not an ISO 8601 duration or interval such as 'PT12H' or '2024-01-01T00:00:00Z/2024-01-02T00:00:00Z'.", null);
        }

        var (parsed, parseError) = KqlParser.Parse(query);
        var (table, evaluationError) = parsed is null ? (null, parseError) : QueryEvaluator.Evaluate(parsed, workspace, session.Now, range);
        if (table is null)
        {
            Log.QueryRejected(logger, customerId, evaluationError!.Message);
            return Error(400, "BadArgumentError", "The request had some invalid properties", evaluationError);
        }

        return EmulatorResponse.Json(200, new JsonObject { ["tables"] = new JsonArray(table.ToJson("PrimaryResult")) });
    }

    private static (string? Query, string? Timespan, EmulatorResponse? Error) ReadBody(string? body, Guid customerId)
    {
        JsonObject? json;
        try
        {
            json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException exception)
        {
            return (null, null, Error(400, "BadArgumentError", $"The request body is not valid JSON: {exception.Message}", null));
        }

        if (json is null)
        {
            return (null, null, Error(400, "BadArgumentError", "The request body must be a JSON object such as {\"query\":\"...\",\"timespan\":\"P1D\"}.", null));
        }

        if (json["workspaces"] is JsonArray workspaces
            && workspaces.Any(id => !string.Equals(id?.ToString(), customerId.ToString("D"), StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, Error(400, "BadArgumentError", "The emulator does not run cross-workspace queries. Leave out 'workspaces' or list only the addressed workspace.", null));
        }

        var query = json["query"] is JsonValue queryValue && queryValue.GetValueKind() == JsonValueKind.String ? queryValue.GetValue<string>() : null;
        var timespan = json["timespan"] is JsonValue timespanValue && timespanValue.GetValueKind() == JsonValueKind.String ? timespanValue.GetValue<string>() : null;
        return (query, timespan, null);
    }

    /// <summary>Creates the Log Analytics error shape, with an inner error when there is one.</summary>
    private static EmulatorResponse Error(int status, string code, string message, KqlError? inner)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["code"] = code,
            ["correlationId"] = Guid.NewGuid().ToString("D"),
        };
        if (inner is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = inner.Code, ["message"] = inner.Message };
        }

        return EmulatorResponse.Json(status, new JsonObject { ["error"] = error });
    }
}
