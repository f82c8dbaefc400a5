using System.Globalization;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// The Polly pipelines around each request: exponential backoff with jitter that honours
/// <c>Retry-After</c>, and a per-attempt timeout inside it.
/// </summary>
/// <remarks>
/// Retried: 408, 429, 500, 502, 503, 504, connection failures other than an untrusted server
/// certificate, and attempt timeouts, but only for
/// <see cref="ReplaySafety.Idempotent"/> requests. <see cref="ReplaySafety.ThrottledOnly"/> requests are
/// retried after 429 alone.
/// </remarks>
internal sealed class SentinelResilience
{
    public static readonly ResiliencePropertyKey<ServiceRequest> RequestKey = new("FeedSync.Sentinel.Request");

    private static readonly ResiliencePropertyKey<int> RetriesKey = new("FeedSync.Sentinel.Retries");

    private readonly SentinelClientOptions _options;
    private readonly SentinelCallCounters _counters;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<ServiceResponse> _idempotent;
    private readonly ResiliencePipeline<ServiceResponse> _throttledOnly;

    public SentinelResilience(SentinelClientOptions options, SentinelCallCounters counters, ILogger logger)
    {
        _options = options;
        _counters = counters;
        _logger = logger;
        _idempotent = Build(ReplaySafety.Idempotent);
        _throttledOnly = Build(ReplaySafety.ThrottledOnly);
    }

    public ResiliencePipeline<ServiceResponse> For(ReplaySafety replay) =>
        replay == ReplaySafety.Idempotent ? _idempotent : _throttledOnly;

    public static int RetriesOf(ResilienceContext context) =>
        context.Properties.TryGetValue(RetriesKey, out var retries) ? retries : 0;

    /// <summary>Returns true for the statuses that a retry may cure.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    private ResiliencePipeline<ServiceResponse> Build(ReplaySafety replay)
    {
        var builder = new ResiliencePipelineBuilder<ServiceResponse> { TimeProvider = _options.TimeProvider };

        if (_options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ServiceResponse>
            {
                MaxRetryAttempts = _options.Retry.MaxRetries,
                BackoffType = _options.Retry.Mode == RetryMode.Fixed ? DelayBackoffType.Constant : DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.Retry.Delay,
                MaxDelay = _options.Retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, replay)),
                DelayGenerator = args => ValueTask.FromResult(RequestedDelay(args.Outcome)),
                OnRetry = args =>
                {
                    OnRetry(args);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(_options.Retry.NetworkTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<ServiceResponse> outcome, ResilienceContext context, ReplaySafety replay)
    {
        if (outcome.Result is { } response)
        {
            if (replay == ReplaySafety.ThrottledOnly ? response.Status != 429 : !IsTransientStatus(response.Status))
            {
                return false;
            }

            return RetryAfterIsAcceptable(response, context);
        }

        return replay == ReplaySafety.Idempotent
            && outcome.Exception is { } exception
            && SentinelPipeline.IsTransportFailure(exception, context.CancellationToken)
            && !SentinelPipeline.IsCertificateFailure(exception);
    }

    private bool RetryAfterIsAcceptable(ServiceResponse response, ResilienceContext context)
    {
        var requested = RetryAfter.Parse(response, _options.TimeProvider.GetUtcNow());
        if (requested is null || requested.Value <= _options.MaxRetryAfter)
        {
            return true;
        }

        var request = context.Properties.GetValue(RequestKey, null!);
        Log.RetryAfterTooLong(
            _logger,
            request.Operation,
            request.Resource,
            (long)requested.Value.TotalMilliseconds,
            (long)_options.MaxRetryAfter.TotalMilliseconds,
            response.RequestId);
        return false;
    }

    private TimeSpan? RequestedDelay(Outcome<ServiceResponse> outcome) =>
        outcome.Result is { } response ? RetryAfter.Parse(response, _options.TimeProvider.GetUtcNow()) : null;

    private void OnRetry(OnRetryArguments<ServiceResponse> args)
    {
        _counters.CountRetry();
        args.Context.Properties.Set(RetriesKey, args.AttemptNumber + 1);

        var request = args.Context.Properties.GetValue(RequestKey, null!);
        var reason = args.Outcome.Result is { } response
            ? string.Create(CultureInfo.InvariantCulture, $"status {response.Status}")
            : args.Outcome.Exception?.GetType().Name ?? "an unknown failure";
        Log.RequestRetrying(
            _logger,
            request.Operation,
            request.Resource,
            args.AttemptNumber + 1,
            (long)args.RetryDelay.TotalMilliseconds,
            reason,
            args.Outcome.Result?.RequestId,
            request.ClientRequestId);
    }
}
