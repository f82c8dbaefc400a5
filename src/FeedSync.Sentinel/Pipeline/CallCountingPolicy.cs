using Azure.Core;
using Azure.Core.Pipeline;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// Counts every attempt sent, by method, and every 429 received. It runs once per attempt because the
/// retries happen outside the HTTP pipeline.
/// </summary>
internal sealed class CallCountingPolicy(SentinelCallCounters counters) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        var method = message.Request.Method;
        var kind = method == RequestMethod.Put || method == RequestMethod.Patch ? RequestKind.Write
            : method == RequestMethod.Delete ? RequestKind.Delete
            : RequestKind.Read;
        counters.CountSent(kind);
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        if (message.Response.Status == 429)
        {
            counters.CountThrottled();
        }
    }
}
