using System.Text.Json;
using Azure.Core;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// Polls an ARM asynchronous operation until it reaches Succeeded, Failed or Canceled.
/// </summary>
/// <remarks>
/// An <c>Azure-AsyncOperation</c> URL returns a status body, <c>{"status":"InProgress"}</c> and the like.
/// A <c>Location</c> URL returns 202 while the operation runs and 200 or 204 when it is done.
/// </remarks>
internal sealed class AsyncOperationPoller(SentinelPipeline pipeline)
{
    /// <summary>The terminal status of a finished operation.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>
    /// Waits for the operation behind the response's <c>Azure-AsyncOperation</c> or <c>Location</c> header.
    /// Returns <see cref="Succeeded"/>, or throws for Failed, Canceled and the timeout. Returns null
    /// when the response carries neither header.
    /// </summary>
    public async Task<string?> WaitAsync(ServiceResponse accepted, string operation, string resource, CancellationToken cancellationToken)
    {
        var asyncOperation = accepted.GetHeader("Azure-AsyncOperation");
        var location = accepted.GetHeader("Location");
        var statusUrl = asyncOperation ?? location;
        if (statusUrl is null)
        {
            return null;
        }

        if (!Uri.TryCreate(statusUrl, UriKind.Absolute, out var uri))
        {
            throw new SentinelRequestException(0, "InvalidOperationUrl", $"{operation} '{resource}' returned a status URL that is not absolute: '{statusUrl}'.", accepted.RequestId);
        }

        return await PollAsync(uri, usesLocation: asyncOperation is null, RetryAfter.Parse(accepted, pipeline.Options.TimeProvider.GetUtcNow()), operation, resource, cancellationToken);
    }

    private async Task<string> PollAsync(Uri statusUri, bool usesLocation, TimeSpan? firstDelay, string operation, string resource, CancellationToken cancellationToken)
    {
        var time = pipeline.Options.TimeProvider;
        var started = time.GetTimestamp();
        var delay = firstDelay ?? pipeline.Options.OperationPollInterval;
        var polls = 0;
        Log.OperationStarted(pipeline.Logger, operation, resource);

        while (true)
        {
            await Task.Delay(delay, time, cancellationToken);

            var request = new ServiceRequest(RequestMethod.Get, statusUri, RequestKind.Read, $"Poll {operation}", resource);
            var (response, retries) = await pipeline.SendAsync(request, cancellationToken);
            polls++;
            var status = ReadStatus(request, response, usesLocation, retries);

            if (IsTerminal(status))
            {
                Log.OperationFinished(pipeline.Logger, operation, resource, status, polls);
                if (!string.Equals(status, Succeeded, StringComparison.OrdinalIgnoreCase))
                {
                    throw OperationFailed(request, response, status, operation, resource);
                }

                return Succeeded;
            }

            delay = RetryAfter.Parse(response, time.GetUtcNow()) ?? pipeline.Options.OperationPollInterval;
            if (time.GetElapsedTime(started) + delay > pipeline.Options.OperationTimeout)
            {
                throw new SentinelRequestException(
                    0,
                    "OperationTimedOut",
                    $"{operation} '{resource}' was still {status} after {pipeline.Options.OperationTimeout.TotalSeconds:0} s of polling. It may still finish: check it in the portal, or raise OperationTimeout.",
                    response.RequestId);
            }

            Log.OperationPolled(pipeline.Logger, operation, resource, status, (long)delay.TotalMilliseconds);
        }
    }

    private string ReadStatus(ServiceRequest request, ServiceResponse response, bool usesLocation, int retries)
    {
        if (usesLocation)
        {
            return response.Status switch
            {
                202 => "InProgress",
                200 or 204 => Succeeded,
                _ => throw pipeline.CreateException(request, response, retries),
            };
        }

        if (!response.IsSuccess)
        {
            throw pipeline.CreateException(request, response, retries);
        }

        using var document = response.ParseJson();
        var root = document.RootElement;
        var status = ReadStatusProperty(root);
        if (status is null)
        {
            throw new SentinelRequestException(
                response.Status,
                "InvalidOperationStatus",
                $"{request.Operation} '{request.Resource}' returned a status body without 'status'. Request id: {response.RequestId ?? "none"}.",
                response.RequestId);
        }

        return status;
    }

    private static string? ReadStatusProperty(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var status = JsonBody.GetString(root, "status");
        if (status is not null)
        {
            return status;
        }

        return root.TryGetProperty("properties", out var properties)
            ? JsonBody.GetString(properties, "provisioningState") ?? JsonBody.GetString(properties, "status")
            : null;
    }

    private static bool IsTerminal(string status) =>
        status.Equals(Succeeded, StringComparison.OrdinalIgnoreCase)
        || status.Equals("Failed", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Cancelled", StringComparison.OrdinalIgnoreCase);

    private static SentinelRequestException OperationFailed(ServiceRequest request, ServiceResponse response, string status, string operation, string resource)
    {
        var (code, message) = SentinelErrors.ReadError(response);
        var detail = message is null ? string.Empty : $": {message.TrimEnd('.')}";
        return new SentinelRequestException(
            response.Status,
            code ?? "Operation" + status,
            $"{operation} '{resource}' ended as {status}{detail}. Request id: {response.RequestId ?? "none"}, client request id: {request.ClientRequestId}.",
            response.RequestId);
    }
}
