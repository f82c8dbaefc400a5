using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>Builds <see cref="SentinelRequestException"/> messages that name the failure and the fix.</summary>
internal static partial class SentinelErrors
{
    private const string ContributorRole = "Microsoft Sentinel Contributor";
    private const string ReaderRole = "Microsoft Sentinel Reader";
    private const string LogAnalyticsReaderRole = "Log Analytics Reader";
    private const string WorkspaceAdvice = "Check the workspace: --workspace-name or FeedSync:Sentinel:WorkspaceName, and its resource group.";

    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="request">The request that failed.</param>
    /// <param name="response">The final response.</param>
    /// <param name="target">The workspace, as readers name it: <c>workspace 'ws' in resource group 'rg'</c>.</param>
    /// <param name="retries">The retries made before this response.</param>
    /// <param name="extraAdvice">A sentence to append, or null for the setting to check when a 404 names a missing workspace.</param>
    public static SentinelRequestException FromResponse(
        ServiceRequest request, ServiceResponse response, string target, int retries, string? extraAdvice = null)
    {
        var (code, serviceMessage) = ReadError(response);
        extraAdvice ??= WorkspaceNotFoundAdvice(response);
        var message = ComposeMessage(request, response.Status, code, serviceMessage, response.RequestId, target, extraAdvice);
        return new SentinelRequestException(response.Status, code, message, response.RequestId) { Retries = retries };
    }

    /// <summary>Creates the exception for a request that got no usable response on any attempt.</summary>
    public static SentinelRequestException FromTransportFailure(ServiceRequest request, Exception exception, int retries)
    {
        var timedOut = exception is Polly.Timeout.TimeoutRejectedException or OperationCanceledException;
        var code = timedOut ? "Timeout" : "ConnectionFailed";
        var what = timedOut ? "timed out" : "failed without a response";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Operation} '{request.Resource}' {what} after {retries} retries ({exception.Message}). Check that {request.Uri.GetLeftPart(UriPartial.Authority)} is reachable, or raise Retry.NetworkTimeout or Retry.MaxRetries. Client request id: {request.ClientRequestId}.");
        return new SentinelRequestException(0, code, message, null, exception) { Retries = retries };
    }

    /// <summary>Creates the exception for a request whose TLS handshake failed, naming the settings that fix it.</summary>
    public static SentinelRequestException FromCertificateFailure(ServiceRequest request, Exception exception)
    {
        var endpoint = request.Uri.GetLeftPart(UriPartial.Authority);
        var reason = InnermostMessage(exception);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Operation} '{request.Resource}' failed: the server certificate of {endpoint} is not trusted ({reason}). For a local emulator, set FeedSync:Sentinel:TrustedCertificatePath (CLI: --arm-certificate FILE) to the PEM file that 'feedsync emulator' writes. For a real endpoint, check the machine's trusted root certificates. Client request id: {request.ClientRequestId}.");
        return new SentinelRequestException(0, SentinelRequestException.CertificateNotTrustedCode, message, null, exception);
    }

    /// <summary>Reads <c>error.code</c> and <c>error.message</c> (plus the innermost <c>innererror.message</c>) from an error body.</summary>
    public static (string? Code, string? Message) ReadError(ServiceResponse response)
    {
        var text = response.Content.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return (null, Truncate(text));
            }

            return (GetString(error, "code"), ComposeServiceMessage(error));
        }
        catch (JsonException)
        {
            return (null, Truncate(text));
        }
    }

    /// <summary>Returns the sentence naming the role the identity probably lacks, or null for other statuses.</summary>
    public static string? RoleAdvice(RequestKind kind, int status, string target) => (status, kind) switch
    {
        (401, RequestKind.Query) => $"The token was rejected: check that the identity signs in to the workspace's tenant and that the Log Analytics endpoint and cloud match. Queries also need the '{LogAnalyticsReaderRole}' role on {target}.",
        (401, _) => $"The token was rejected: check that the identity signs in to the workspace's tenant and that the ARM endpoint and cloud match. Writes also need the '{ContributorRole}' role on {target}.",
        (403, RequestKind.Query) => $"The identity probably lacks the '{LogAnalyticsReaderRole}' role on {target}.",
        (403, RequestKind.Read) => $"The identity probably lacks the '{ReaderRole}' role (or '{ContributorRole}') on {target}.",
        (403, _) => $"The identity probably lacks the '{ContributorRole}' role on {target}.",
        (429, _) => "The service kept throttling after the retries: lower the request rate, or raise Retry.MaxRetries or MaxRetryAfter.",
        _ => null,
    };

    /// <summary>
    /// Returns the sentence naming the setting to fix when a 404 means the workspace or a resource above it is
    /// missing, rather than the watchlist or saved search requested. Returns null for any other response.
    /// </summary>
    public static string? WorkspaceNotFoundAdvice(ServiceResponse response)
    {
        if (response.Status != 404)
        {
            return null;
        }

        var (code, serviceMessage) = ReadError(response);
        return code switch
        {
            "SubscriptionNotFound" => "Check the subscription id: --subscription-id or FeedSync:Sentinel:SubscriptionId, and that the identity can see the subscription.",
            "ResourceGroupNotFound" => "Check the resource group: --resource-group or FeedSync:Sentinel:ResourceGroup.",
            "WorkspaceNotFound" or "WorkspaceNotFoundError" or "ParentResourceNotFound" => WorkspaceAdvice,
            "ResourceNotFound" when serviceMessage is not null && WorkspaceResourcePattern().IsMatch(serviceMessage) => WorkspaceAdvice,
            _ => null,
        };
    }

    private static string ComposeMessage(
        ServiceRequest request, int status, string? code, string? serviceMessage, string? requestId, string target, string? extraAdvice)
    {
        var codePart = code is null ? string.Empty : $" ({code})";
        var detail = string.IsNullOrWhiteSpace(serviceMessage) ? "no error message" : serviceMessage.TrimEnd('.');
        var advice = string.Join(' ', new[] { RoleAdvice(request.Kind, status, target), extraAdvice }.Where(sentence => sentence is not null));
        var adviceSuffix = advice.Length == 0 ? string.Empty : " " + advice;

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Operation} '{request.Resource}' failed with status {status}{codePart}: {detail}.{adviceSuffix} Request id: {requestId ?? "none"}, client request id: {request.ClientRequestId}.");
    }

    private static string? ComposeServiceMessage(JsonElement error)
    {
        var message = GetString(error, "message");
        var inner = error;
        string? innermost = null;
        while (inner.TryGetProperty("innererror", out var next) && next.ValueKind == JsonValueKind.Object)
        {
            innermost = GetString(next, "message") ?? innermost;
            inner = next;
        }

        if (innermost is null || string.Equals(innermost, message, StringComparison.Ordinal))
        {
            return message;
        }

        return message is null ? innermost : $"{message.TrimEnd('.')}: {innermost}";
    }

    private static string InnermostMessage(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.TrimEnd('.');
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Matches ARM's name of a missing workspace itself, <c>'Microsoft.OperationalInsights/workspaces/NAME'</c>, and not of a resource under it.</summary>
    [GeneratedRegex(@"'Microsoft\.OperationalInsights/workspaces/[^/']+'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorkspaceResourcePattern();

    private static string Truncate(string text) => text.Length <= 300 ? text.Trim() : text[..300].Trim() + "...";
}
