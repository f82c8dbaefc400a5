using System.Globalization;
using FeedSync.Functions.Logging;
using FeedSync.Functions.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedSync.Functions.Http;

/// <summary>
/// <c>GET /api/sync/runs</c> and <c>GET /api/sync/runs/{id}</c>: the recorded sync runs, newest first.
/// A function key is required.
/// </summary>
internal sealed class SyncRunsFunctions(IRunHistory history, ILogger<SyncRunsFunctions> logger)
{
    /// <summary>How many runs the list returns when the request gives no <c>top</c>.</summary>
    public const int DefaultTop = 20;

    /// <summary>The most runs one list request returns.</summary>
    public const int MaxTop = 100;

    [Function("ListSyncRuns")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sync/runs")] HttpRequest request,
        FunctionContext context)
    {
        int top = DefaultTop;
        string? topText = request.Query["top"];
        if (topText is not null
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            string message = $"top must be a whole number from 1 to {MaxTop}; got '{topText}'.";
            Log.HttpRequestRejected(logger, request.Method, request.Path.Value ?? string.Empty, StatusCodes.Status400BadRequest, message);
            return HttpResults.ValidationProblem("The query is invalid.", new Dictionary<string, string[]> { ["top"] = [message] });
        }

        IReadOnlyList<SyncRunRecord> runs = await history.ListAsync(top, context.CancellationToken);
        return HttpResults.Json(new { runs });
    }

    [Function("GetSyncRun")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sync/runs/{id}")] HttpRequest request,
        string id,
        FunctionContext context)
    {
        SyncRunRecord? run = await history.GetAsync(id, context.CancellationToken);
        if (run is not null)
        {
            return HttpResults.Json(run);
        }

        string detail = SyncRunIds.TryParse(id, out _, out _)
            ? $"No sync run has id '{id}'. GET /api/sync/runs lists the recorded runs."
            : $"No sync run has id '{id}': run ids look like {SyncRunIds.Example}. GET /api/sync/runs lists the recorded runs.";
        Log.HttpRequestRejected(logger, request.Method, request.Path.Value ?? string.Empty, StatusCodes.Status404NotFound, detail);
        return HttpResults.Problem(StatusCodes.Status404NotFound, "Sync run not found.", detail,
            new Dictionary<string, object?> { ["runId"] = id });
    }
}
