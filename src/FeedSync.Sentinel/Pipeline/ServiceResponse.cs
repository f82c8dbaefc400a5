using System.Text.Json;
using Azure;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// A copy of what the client needs from one HTTP response: status, headers and buffered body.
/// It owns no connection, so no Azure.Core <see cref="Response"/> outlives its attempt.
/// </summary>
internal sealed class ServiceResponse
{
    private readonly Dictionary<string, string> _headers;

    public ServiceResponse(int status, IEnumerable<KeyValuePair<string, string>> headers, BinaryData content)
    {
        Status = status;
        Content = content;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            _headers[name] = value;
        }
    }

    public int Status { get; }

    public BinaryData Content { get; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The service's request id: <c>x-ms-request-id</c>, else the Log Analytics <c>request-id</c>.</summary>
    public string? RequestId => GetHeader("x-ms-request-id") ?? GetHeader("request-id");

    public string? GetHeader(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Copies an Azure.Core response, buffering its body.</summary>
    public static ServiceResponse CopyOf(Response response)
    {
        var headers = response.Headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value));
        return new ServiceResponse(response.Status, headers, response.Content ?? BinaryData.Empty);
    }

    /// <summary>Parses the body as JSON; an empty body becomes an empty object.</summary>
    public JsonDocument ParseJson()
    {
        if (Content.ToMemory().IsEmpty)
        {
            return JsonDocument.Parse("{}");
        }

        return JsonDocument.Parse(Content.ToMemory());
    }
}
