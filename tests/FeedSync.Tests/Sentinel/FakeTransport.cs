using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Azure.Core.Pipeline;

namespace FeedSync.Tests.Sentinel;

/// <summary>
/// A fake HTTP transport: Azure.Core's real <see cref="HttpClientTransport"/> over a handler that records
/// each request and returns scripted responses, so exceptions wrap exactly as they do on the wire.
/// </summary>
internal sealed class FakeTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeTransport()
    {
        Transport = new HttpClientTransport(this);
    }

    public HttpClientTransport Transport { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The answer once the script is used up; null fails the request.</summary>
    public Func<RecordedRequest, HttpResponseMessage>? Fallback { get; set; }

    public FakeTransport Respond(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        _script.Enqueue((_, _) => Task.FromResult(CreateResponse(status, json, headers)));
        return this;
    }

    public FakeTransport Respond(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        _script.Enqueue((request, _) => Task.FromResult(respond(request)));
        return this;
    }

    public FakeTransport Throw(Exception exception)
    {
        _script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Hangs until the attempt is cancelled, as a server that never answers.</summary>
    public FakeTransport Hang()
    {
        _script.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Unreachable.");
        });
        return this;
    }

    public static HttpResponseMessage CreateResponse(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("x-ms-client-request-id", out var ids) ? ids.First() : null,
            body);
        _requests.Enqueue(recorded);

        if (_script.TryDequeue(out var next))
        {
            return await next(recorded, cancellationToken);
        }

        return Fallback?.Invoke(recorded)
            ?? throw new InvalidOperationException($"The fake transport has no response scripted for {recorded.Method} {recorded.Uri}.");
    }
}

/// <summary>One request the fake transport received.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ClientRequestId, string? Body);
