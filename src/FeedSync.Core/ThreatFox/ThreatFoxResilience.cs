using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FeedSync.ThreatFox;

/// <summary>
/// Builds the retry pipeline of <see cref="ThreatFoxClient"/>: retries with exponential backoff and jitter
/// that honour <c>Retry-After</c>, and a timeout per attempt. The client bounds the whole query, body
/// included, by <see cref="ThreatFoxClientOptions.Timeout"/>. ThreatFox queries are read-only POSTs, so
/// retrying them is safe.
/// </summary>
internal static class ThreatFoxResilience
{
    /// <summary>The key under which the retry callback finds the query name in the resilience context.</summary>
    public static readonly ResiliencePropertyKey<string> QueryName = new("FeedSync.ThreatFox.Query");

    /// <summary>Creates the pipeline; <paramref name="onRetry"/> is told about each retry before its delay.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        ThreatFoxClientOptions options,
        TimeProvider timeProvider,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask> onRetry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, options.MaxRetryAfter, timeProvider)),
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Result, timeProvider)),
                OnRetry = onRetry,
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Returns true for outcomes worth another attempt: 408, 429, 5xx, a timeout or a connection failure.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (outcome.Exception is HttpRequestException or TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { } response || !IsTransient(response.StatusCode))
        {
            return false;
        }

        return RetryAfter(response, timeProvider) is not { } delay || delay <= maxRetryAfter;
    }

    /// <summary>Returns true for HTTP statuses that a later attempt may not see: 408, 429 and 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Returns the delay a response's <c>Retry-After</c> header asks for, or null when it has none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
