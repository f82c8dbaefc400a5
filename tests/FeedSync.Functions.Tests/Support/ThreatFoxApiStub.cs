using System.Net;
using System.Text;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// The primary handler of the ThreatFox client in end-to-end tests: it returns one fixed API response for every
/// query and records the requests, so no request leaves the process.
/// </summary>
internal sealed class ThreatFoxApiStub(string responseJson) : HttpMessageHandler
{
    private readonly List<(HttpRequestMessage Request, string Body)> requests = [];

    public IReadOnlyList<(HttpRequestMessage Request, string Body)> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (requests)
        {
            requests.Add((request, body));
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(responseJson, Encoding.UTF8, "application/json") };
    }
}
