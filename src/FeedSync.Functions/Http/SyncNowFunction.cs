using FeedSync.Functions.Logging;
using FeedSync.Functions.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace FeedSync.Functions.Http;

/// <summary>
/// <c>POST /api/sync</c>: runs a sync now and returns its summary. A function key is required. Answers 409
/// with the running run's id while another sync holds the sync lease.
/// </summary>
internal sealed class SyncNowFunction(SyncCoordinator coordinator, ILogger<SyncNowFunction> logger)
{
    [Function("SyncNow")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sync")] HttpRequest request,
        FunctionContext context)
    {
        ReadBodyResult body = await ReadBodyAsync(request, context.CancellationToken);
        if (body.Problem is not null)
        {
            return Reject(request, body.Problem);
        }

        SyncRequestBodyResult parsed = SyncRequestBody.Parse(body.Content);
        if (parsed.Overrides is null)
        {
            return Reject(request, HttpResults.ValidationProblem("The sync request body is invalid.", parsed.Errors));
        }

        SyncRunResult result = await coordinator.RunAsync(SyncRunTrigger.Http, parsed.Overrides, context.CancellationToken);
        return result switch
        {
            SyncRunResult.Completed completed => HttpResults.Json(completed.Record.Report!),
            SyncRunResult.AlreadyRunning running => Reject(request, AlreadyRunningProblem(running.RunningRunId)),
            SyncRunResult.Failed failed => FailedProblem(failed.Record),
            _ => throw new InvalidOperationException($"Unhandled sync run result {result.GetType().Name}."),
        };
    }

    private static JsonResult AlreadyRunningProblem(string? runningRunId)
    {
        string detail = runningRunId is null
            ? "Another sync run holds the sync lease and has not recorded its id yet. Retry when it has finished."
            : $"Sync run {runningRunId} holds the sync lease. Retry when it has finished; GET /api/sync/runs/{runningRunId} shows its status.";
        return HttpResults.Problem(StatusCodes.Status409Conflict, "A sync is already running.", detail,
            new Dictionary<string, object?> { ["runId"] = runningRunId });
    }

    private static JsonResult FailedProblem(SyncRunRecord record) =>
        HttpResults.Problem(StatusCodes.Status500InternalServerError, "The sync run failed.",
            $"Sync run {record.RunId} ended with status {record.Status}: {record.Error}",
            new Dictionary<string, object?> { ["runId"] = record.RunId, ["status"] = record.Status });

    private JsonResult Reject(HttpRequest request, JsonResult problem)
    {
        string detail = problem.Value is ProblemDetails details ? details.Detail ?? string.Empty : string.Empty;
        Log.HttpRequestRejected(logger, request.Method, request.Path.Value ?? string.Empty, problem.StatusCode ?? 0, detail);
        return problem;
    }

    private static async Task<ReadBodyResult> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SyncRequestBody.MaxBytes)
        {
            return ReadBodyResult.Rejected(TooLargeProblem());
        }

        using MemoryStream buffer = new();
        byte[] chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SyncRequestBody.MaxBytes)
            {
                return ReadBodyResult.Rejected(TooLargeProblem());
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length > 0 && !IsJsonContentType(request.ContentType))
        {
            return ReadBodyResult.Rejected(HttpResults.Problem(StatusCodes.Status415UnsupportedMediaType,
                "The request body is not JSON.",
                $"Content-Type '{request.ContentType}' is not supported. Send the body as application/json, or send no body."));
        }

        return new ReadBodyResult(buffer.ToArray(), null);
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? mediaType))
        {
            return false;
        }

        string type = mediaType.MediaType.Value ?? string.Empty;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static JsonResult TooLargeProblem() =>
        HttpResults.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"The sync request body may have at most {SyncRequestBody.MaxBytes} bytes.");

    private sealed record ReadBodyResult(ReadOnlyMemory<byte> Content, JsonResult? Problem)
    {
        public static ReadBodyResult Rejected(JsonResult problem) => new(ReadOnlyMemory<byte>.Empty, problem);
    }
}
