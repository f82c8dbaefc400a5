using System.Net.Http;
using System.Security.Authentication;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Polly;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// Sends requests to one endpoint through an Azure.Core <see cref="HttpPipeline"/> (bearer token,
/// call counting, logging with header redaction, tracing) wrapped in a Polly pipeline that retries
/// and times out each attempt.
/// </summary>
internal sealed class SentinelPipeline
{
    private readonly HttpPipeline _httpPipeline;
    private readonly SentinelResilience _resilience;
    private readonly ILogger _logger;

    public SentinelPipeline(
        HttpPipeline httpPipeline, Uri endpoint, string target, SentinelClientOptions options, SentinelCallCounters counters, ILogger logger)
    {
        _httpPipeline = httpPipeline;
        _logger = logger;
        Endpoint = endpoint;
        Target = target;
        Options = options;
        _resilience = new SentinelResilience(options, counters, logger);
    }

    /// <summary>The endpoint every request must go to (scheme, host and port).</summary>
    public Uri Endpoint { get; }

    /// <summary>The workspace as error messages name it.</summary>
    public string Target { get; }

    public SentinelClientOptions Options { get; }

    public ILogger Logger => _logger;

    /// <summary>Builds the HTTP pipeline for one endpoint and token scope.</summary>
    public static HttpPipeline BuildHttpPipeline(SentinelClientOptions options, TokenCredential credential, string scope, SentinelCallCounters counters)
    {
        var pipelineOptions = new HttpPipelineOptions(options);
        pipelineOptions.PerRetryPolicies.Add(new BearerTokenAuthenticationPolicy(credential, scope));
        pipelineOptions.PerRetryPolicies.Add(new CallCountingPolicy(counters));
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>
    /// Sends the request with retries and returns the final response, whatever its status.
    /// </summary>
    /// <exception cref="SentinelRequestException">No attempt got a response, the server certificate is not trusted, or the URL leaves the endpoint.</exception>
    public async Task<(ServiceResponse Response, int Retries)> SendAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        EnsureSameEndpoint(request);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SentinelResilience.RequestKey, request);
        try
        {
            var pipeline = _resilience.For(request.Replay);
            var response = await pipeline.ExecuteAsync(
                static (ctx, state) => state.Self.SendOnceAsync(state.Request, ctx.CancellationToken),
                context,
                (Self: this, Request: request));
            return (response, SentinelResilience.RetriesOf(context));
        }
        catch (Exception exception) when (IsCertificateFailure(exception))
        {
            var endpoint = request.Uri.GetLeftPart(UriPartial.Authority);
            Log.RequestCertificateRejected(_logger, exception, request.Operation, request.Resource, endpoint, request.ClientRequestId);
            throw SentinelErrors.FromCertificateFailure(request, exception);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            var retries = SentinelResilience.RetriesOf(context);
            Log.RequestTransportFailed(_logger, exception, request.Operation, request.Resource, retries, request.ClientRequestId);
            throw SentinelErrors.FromTransportFailure(request, exception, retries);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Creates the exception for an error response and logs it.</summary>
    public SentinelRequestException CreateException(ServiceRequest request, ServiceResponse response, int retries, string? extraAdvice = null)
    {
        var exception = SentinelErrors.FromResponse(request, response, Target, retries, extraAdvice);
        Log.RequestFailed(_logger, request.Operation, request.Resource, response.Status, exception.ErrorCode, retries, response.RequestId, request.ClientRequestId);
        return exception;
    }

    /// <summary>
    /// Raises the request's exception when a 404 means the subscription, resource group or workspace is missing, so
    /// that a caller that reads 404 as "the item does not exist" never mistakes a wrong setting for an empty workspace.
    /// </summary>
    /// <exception cref="SentinelRequestException">The response names a missing subscription, resource group or workspace.</exception>
    public void ThrowIfWorkspaceNotFound(ServiceRequest request, ServiceResponse response, int retries)
    {
        if (SentinelErrors.WorkspaceNotFoundAdvice(response) is { } advice)
        {
            throw CreateException(request, response, retries, advice);
        }
    }

    /// <summary>Returns true for the exceptions a transport failure or a timed-out attempt ends with.</summary>
    internal static bool IsTransportFailure(Exception exception, CancellationToken callerToken) => exception switch
    {
        Polly.Timeout.TimeoutRejectedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        RequestFailedException { Status: 0 } => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>
    /// Returns true when the TLS handshake failed, such as on a server certificate that the machine or
    /// <see cref="SentinelClientOptions.TrustedServerCertificate"/> does not trust. Retrying cannot cure it.
    /// </summary>
    /// <remarks>
    /// .NET reports it as an <see cref="AuthenticationException"/> inside an <see cref="HttpRequestException"/>,
    /// which Azure.Core wraps in a <see cref="RequestFailedException"/> with status 0.
    /// </remarks>
    internal static bool IsCertificateFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask<ServiceResponse> SendOnceAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        using var message = _httpPipeline.CreateMessage();
        var httpRequest = message.Request;
        httpRequest.Method = request.Method;
        SetExactUri(httpRequest.Uri, request.Uri);
        httpRequest.ClientRequestId = request.ClientRequestId;
        httpRequest.Headers.SetValue("Accept", "application/json");
        if (request.Body is not null)
        {
            httpRequest.Headers.SetValue("Content-Type", "application/json");
            httpRequest.Content = RequestContent.Create(request.Body);
        }

        await _httpPipeline.SendAsync(message, cancellationToken);
        return ServiceResponse.CopyOf(message.Response);
    }

    /// <summary>
    /// Sets the URL without re-encoding its path or query, so that a nextLink or status URL is used
    /// exactly as the service returned it.
    /// </summary>
    internal static void SetExactUri(RequestUriBuilder builder, Uri uri)
    {
        var original = uri.OriginalString;
        var authorityEnd = original.IndexOf('/', original.IndexOf("://", StringComparison.Ordinal) + 3);
        var queryStart = original.IndexOf('?', StringComparison.Ordinal);

        builder.Reset(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        if (authorityEnd < 0 || (queryStart >= 0 && queryStart < authorityEnd))
        {
            builder.Path = "/";
            builder.Query = queryStart >= 0 ? original[queryStart..] : string.Empty;
            return;
        }

        builder.Path = queryStart >= 0 ? original[authorityEnd..queryStart] : original[authorityEnd..];
        builder.Query = queryStart >= 0 ? original[queryStart..] : string.Empty;
    }

    private void EnsureSameEndpoint(ServiceRequest request)
    {
        var sameEndpoint = string.Equals(request.Uri.Scheme, Endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(request.Uri.IdnHost, Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
            && request.Uri.Port == Endpoint.Port;
        if (sameEndpoint)
        {
            return;
        }

        // A nextLink or status URL on another host would receive the bearer token.
        throw new SentinelRequestException(
            0,
            "UnexpectedEndpoint",
            $"{request.Operation} '{request.Resource}' was not sent: the service returned a URL on {request.Uri.GetLeftPart(UriPartial.Authority)}, but the configured endpoint is {Endpoint.GetLeftPart(UriPartial.Authority)}. Check the endpoint override.",
            null);
    }
}
