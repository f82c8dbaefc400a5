using System.Net;
using System.Text;

namespace FeedSync.Tests.ThreatFox;

/// <summary>
/// An HTTP handler that stands in for the ThreatFox API: it records every request and answers from a queue of
/// responders (the last one repeats). No request leaves the process.
/// </summary>
internal sealed class FakeThreatFoxHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> responders = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? last;

    /// <summary>The requests received, with their bodies read.</summary>
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    /// <summary>Queues a JSON response with <paramref name="status"/>.</summary>
    public FakeThreatFoxHandler Respond(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null, string mediaType = "application/json") =>
        RespondWith((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    /// <summary>Queues an arbitrary responder.</summary>
    public FakeThreatFoxHandler RespondWith(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        responders.Enqueue(responder);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        if (responders.Count > 0)
        {
            last = responders.Dequeue();
        }

        return await (last ?? throw new InvalidOperationException("No response queued.")).Invoke(request, cancellationToken);
    }
}
