using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>Reads an ARM list: <c>{"value":[...],"nextLink":"..."}</c>, following each nextLink exactly as returned.</summary>
internal static class ArmPaging
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        SentinelPipeline pipeline,
        ServiceRequest firstPage,
        Func<JsonElement, T> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        ServiceRequest? request = firstPage;
        while (request is not null)
        {
            var (response, retries) = await pipeline.SendAsync(request, cancellationToken);
            if (!response.IsSuccess)
            {
                throw pipeline.CreateException(request, response, retries);
            }

            using var document = response.ParseJson();
            var root = document.RootElement;
            if (root.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var value in values.EnumerateArray())
                {
                    yield return map(value);
                }
            }

            request = NextPage(request, root, visited);
        }
    }

    private static ServiceRequest? NextPage(ServiceRequest current, JsonElement root, HashSet<string> visited)
    {
        if (!root.TryGetProperty("nextLink", out var nextLink) || nextLink.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var link = nextLink.GetString();
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            throw new SentinelRequestException(0, "InvalidNextLink", $"{current.Operation} '{current.Resource}' returned a nextLink that is not an absolute URL: '{link}'.", null);
        }

        if (!visited.Add(link))
        {
            throw new SentinelRequestException(0, "RepeatedNextLink", $"{current.Operation} '{current.Resource}' returned the same nextLink twice; stopping to avoid an endless list: '{link}'.", null);
        }

        return current with { Uri = uri, ClientRequestId = Guid.NewGuid().ToString() };
    }
}
