using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeedSync.SentinelEmulator.Arm;
using FeedSync.SentinelEmulator.Faults;
using FeedSync.SentinelEmulator.LogAnalytics;
using FeedSync.SentinelEmulator.SavedSearches;
using FeedSync.SentinelEmulator.State;
using FeedSync.SentinelEmulator.Watchlists;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator.Hosting;

/// <summary>
/// Handles every request in the order ARM does: authentication, injected faults, routing, the subscription token
/// bucket, the api-version, authorization, then the resource handler under the state lock.
/// </summary>
internal sealed class RequestDispatcher(
    SentinelEmulatorOptions options,
    StateStore store,
    FaultInjector faults,
    ArmThrottle throttle,
    EmulatorStatistics statistics,
    ILogger logger)
{
    private static readonly JsonSerializerOptions ResponseJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly QueryHandler queryHandler = new(logger);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D");
        var method = context.Request.Method.ToUpperInvariant();
        var path = context.Request.Path.Value ?? "/";
        var (route, routeError) = ArmRouteParser.Parse(path);
        var isQuery = route?.Kind == ArmResourceKind.LogAnalyticsQuery;
        var operationClass = method switch
        {
            "GET" or "HEAD" => ArmOperationClass.Read,
            "DELETE" => ArmOperationClass.Delete,
            _ => ArmOperationClass.Write,
        };
        Count(isQuery, operationClass);

        if (faults.Options.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Options.AddedLatency, options.TimeProvider, context.RequestAborted);
        }

        if (!isQuery && operationClass != ArmOperationClass.Read && faults.ShouldDropWrite())
        {
            statistics.CountDroppedConnection();
            Log.ConnectionDropped(logger, method, path, faults.SuccessfulWrites, requestId);
            context.Abort();
            return;
        }

        EmulatorResponse response;
        try
        {
            response = await ProduceAsync(context, route, routeError, isQuery, operationClass, requestId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RequestFailed(logger, exception, method, path, requestId);
            response = EmulatorResponse.Error(500, "InternalServerError", $"The emulator failed on this request: {exception.Message}");
        }

        if (response.IsSuccess && !isQuery && operationClass != ArmOperationClass.Read)
        {
            faults.CountSuccessfulWrite();
        }

        Log.RequestServed(logger, method, path, response.StatusCode, requestId);
        await WriteAsync(context, response, requestId);
    }

    private async Task<EmulatorResponse> ProduceAsync(
        HttpContext context,
        ArmRoute? route,
        EmulatorResponse? routeError,
        bool isQuery,
        ArmOperationClass operationClass,
        string requestId)
    {
        var method = context.Request.Method.ToUpperInvariant();
        var path = context.Request.Path.Value ?? "/";

        var (token, authenticationError) = Authenticate(context.Request, isQuery);
        if (authenticationError is not null)
        {
            statistics.CountUnauthorized();
            Log.Unauthorized(logger, ErrorCodeOf(authenticationError), method, path, requestId);
            return authenticationError;
        }

        var injected = InjectFault(method, path, isQuery, requestId);
        if (injected is not null)
        {
            return injected;
        }

        if (routeError is not null)
        {
            return routeError;
        }

        var rateLimitHeader = default((string Name, string Value)?);
        if (!isQuery && options.ThrottlingEnabled)
        {
            var (allowed, remaining, retryAfter) = throttle.TryTake(route!.SubscriptionId, operationClass);
            rateLimitHeader = (ArmThrottle.HeaderName(operationClass), remaining.ToString(CultureInfo.InvariantCulture));
            if (!allowed)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                statistics.CountThrottled();
                Log.BucketThrottled(logger, operationClass.ToString().ToLowerInvariant(), route.SubscriptionId, seconds, requestId);
                return ArmThrottled(route.SubscriptionId, operationClass, seconds)
                    .WithHeader(rateLimitHeader.Value.Name, rateLimitHeader.Value.Value);
            }
        }

        var body = method is "PUT" or "POST" or "PATCH" ? await ReadBodyAsync(context.Request) : null;
        var response = isQuery
            ? AnswerQuery(route!, method, body, context.Request)
            : AnswerArm(route!, method, path, body, token, context);

        if (rateLimitHeader is { } header)
        {
            response.WithHeader(header.Name, header.Value);
        }

        return response;
    }

    private EmulatorResponse AnswerQuery(ArmRoute route, string method, string? body, HttpRequest request)
    {
        if (method is not ("GET" or "POST"))
        {
            return MethodNotAllowed(method, "GET, POST");
        }

        if (faults.Options.ForbidQueries)
        {
            return EmulatorResponse.Error(403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation. Grant the caller the Log Analytics Reader role on the workspace.");
        }

        return store.Execute(session => queryHandler.Handle(session, route.WorkspaceName, method, body, request.Query["query"], request.Query["timespan"]));
    }

    private EmulatorResponse AnswerArm(ArmRoute route, string method, string path, string? body, string token, HttpContext context)
    {
        var allowed = AllowedMethods(route.Kind);
        if (!allowed.Split(", ").Contains(method))
        {
            return MethodNotAllowed(method, allowed);
        }

        var apiVersion = context.Request.Query["api-version"].ToString();
        var versionError = ApiVersions.Check(route, apiVersion);
        if (versionError is not null)
        {
            return versionError;
        }

        var forbidden = method == "GET" ? faults.Options.ForbidReads : faults.Options.ForbidWrites;
        if (forbidden)
        {
            return Forbidden(route, method, path);
        }

        var request = new ArmRequestContext(
            route,
            method,
            path,
            apiVersion,
            context.Request.Query["$skipToken"].ToString() is { Length: > 0 } skipToken ? skipToken : null,
            body,
            EmulatorIdentity.FromBearerToken(token),
            new Uri($"{context.Request.Scheme}://{context.Request.Host}/"),
            options);
        var ifMatch = context.Request.Headers.IfMatch.ToString() is { Length: > 0 } header ? header : null;

        return store.Execute(session =>
        {
            var workspace = session.FindWorkspace(route.SubscriptionId, route.ResourceGroup, route.WorkspaceName);
            return workspace is null ? WorkspaceNotFound(session, route) : Dispatch(session, workspace, request, ifMatch);
        });
    }

    private EmulatorResponse Dispatch(StoreSession session, WorkspaceState workspace, ArmRequestContext request, string? ifMatch) =>
        (request.Route.Kind, request.Method) switch
        {
            (ArmResourceKind.Workspace, _) => WorkspaceHandler.Get(workspace),
            (ArmResourceKind.WatchlistCollection, _) => WatchlistHandler.List(workspace, request),
            (ArmResourceKind.Watchlist, "GET") => WatchlistHandler.Get(workspace, request),
            (ArmResourceKind.Watchlist, "PUT") => WatchlistHandler.Put(session, workspace, request),
            (ArmResourceKind.Watchlist, _) => WatchlistHandler.Delete(session, workspace, request),
            (ArmResourceKind.WatchlistStatus, _) => WatchlistHandler.GetStatus(workspace, request, options.TimeProvider),
            (ArmResourceKind.WatchlistItemCollection, _) => WatchlistItemHandler.List(workspace, request),
            (ArmResourceKind.WatchlistItem, "GET") => WatchlistItemHandler.Get(workspace, request),
            (ArmResourceKind.WatchlistItem, "PUT") => WatchlistItemHandler.Put(session, workspace, request),
            (ArmResourceKind.WatchlistItem, _) => WatchlistItemHandler.Delete(session, workspace, request),
            (ArmResourceKind.SavedSearchCollection, _) => SavedSearchHandler.List(workspace, request),
            (ArmResourceKind.SavedSearch, "GET") => SavedSearchHandler.Get(workspace, request),
            (ArmResourceKind.SavedSearch, "PUT") => SavedSearchHandler.Put(session, workspace, request, ifMatch),
            _ => SavedSearchHandler.Delete(session, workspace, request),
        };

    private static string AllowedMethods(ArmResourceKind kind) => kind switch
    {
        ArmResourceKind.Watchlist or ArmResourceKind.WatchlistItem or ArmResourceKind.SavedSearch => "GET, PUT, DELETE",
        _ => "GET",
    };

    private (string Token, EmulatorResponse? Error) Authenticate(HttpRequest request, bool isQuery)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return ("", Unauthorized(isQuery, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."));
        }

        const string Scheme = "Bearer ";
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        if (token.Length == 0)
        {
            return ("", Unauthorized(isQuery, "AuthenticationFailed", "Authentication failed. The 'Authorization' header must be 'Bearer <token>'."));
        }

        if (faults.Options.RejectTokens)
        {
            return ("", Unauthorized(isQuery, "InvalidAuthenticationToken", "The access token is invalid. Get a new token for the right audience and tenant."));
        }

        return (token, null);
    }

    private static EmulatorResponse Unauthorized(bool isQuery, string armCode, string message) =>
        EmulatorResponse.Error(401, isQuery ? "AuthorizationRequiredError" : armCode, message)
            .WithHeader("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"");

    private EmulatorResponse? InjectFault(string method, string path, bool isQuery, string requestId)
    {
        if (faults.ShouldThrottle())
        {
            statistics.CountThrottled();
            Log.ThrottleInjected(logger, method, path, requestId);
            var seconds = Math.Max(1, faults.Options.ThrottleRetryAfterSeconds);
            return isQuery
                ? EmulatorResponse.Error(429, "ThrottledError", "Your request was throttled. Retry after the time in Retry-After.").WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))
                : EmulatorResponse.Error(429, "TooManyRequests", "The request was throttled (injected by the emulator). Retry after the time in Retry-After.").WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (faults.ServerErrorStatus() is { } status)
        {
            statistics.CountServerError();
            Log.ServerErrorInjected(logger, status, method, path, requestId);
            var code = status switch
            {
                502 => "BadGateway",
                503 => "ServiceUnavailable",
                504 => "GatewayTimeout",
                _ => "InternalServerError",
            };
            return EmulatorResponse.Error(status, code, $"The service failed with {status} (injected by the emulator). Retry the request.");
        }

        return null;
    }

    private static EmulatorResponse ArmThrottled(string subscriptionId, ArmOperationClass operationClass, int retryAfterSeconds) =>
        EmulatorResponse.Error(
            429,
            "SubscriptionRequestsThrottled",
            $"Number of '{operationClass.ToString().ToLowerInvariant()}' requests for subscription '{subscriptionId}' exceeded. "
            + $"Please try again after '{retryAfterSeconds}' seconds after additional tokens are available.")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    private static EmulatorResponse Forbidden(ArmRoute route, string method, string path)
    {
        var action = route.IsSavedSearch
            ? $"Microsoft.OperationalInsights/workspaces/savedSearches/{ActionVerb(method)}"
            : $"Microsoft.SecurityInsights/{route.TypeName}/{ActionVerb(method)}";
        var role = method == "GET" ? "Microsoft Sentinel Reader" : "Microsoft Sentinel Contributor";
        return EmulatorResponse.Error(
            403,
            "AuthorizationFailed",
            $"The client does not have authorization to perform action '{action}' over scope '{path}' or the scope is invalid. "
            + $"Grant the caller the {role} role on the workspace. If access was recently granted, please refresh your credentials.");
    }

    private static string ActionVerb(string method) => method switch
    {
        "GET" => "read",
        "DELETE" => "delete",
        _ => "write",
    };

    private static EmulatorResponse WorkspaceNotFound(StoreSession session, ArmRoute route)
    {
        var workspaces = session.State.Workspaces;
        if (!workspaces.Exists(workspace => string.Equals(workspace.SubscriptionId, route.SubscriptionId, StringComparison.OrdinalIgnoreCase)))
        {
            return EmulatorResponse.Error(404, "SubscriptionNotFound", $"The subscription '{route.SubscriptionId}' could not be found.");
        }

        if (!workspaces.Exists(workspace => string.Equals(workspace.ResourceGroup, route.ResourceGroup, StringComparison.OrdinalIgnoreCase)))
        {
            return EmulatorResponse.Error(404, "ResourceGroupNotFound", $"Resource group '{route.ResourceGroup}' could not be found.");
        }

        return route.Kind == ArmResourceKind.Workspace
            ? EmulatorResponse.Error(404, "ResourceNotFound", $"The Resource 'Microsoft.OperationalInsights/workspaces/{route.WorkspaceName}' under resource group '{route.ResourceGroup}' was not found.")
            : EmulatorResponse.Error(404, "ParentResourceNotFound", $"Can not perform requested operation on nested resource. Parent resource '{route.WorkspaceName}' not found.");
    }

    private static EmulatorResponse MethodNotAllowed(string method, string allowed) =>
        EmulatorResponse.Error(405, "MethodNotAllowed", $"The method '{method}' is not served on this resource. Use {allowed}.")
            .WithHeader("Allow", allowed);

    private void Count(bool isQuery, ArmOperationClass operationClass)
    {
        if (isQuery)
        {
            statistics.CountQuery();
            return;
        }

        switch (operationClass)
        {
            case ArmOperationClass.Read:
                statistics.CountRead();
                break;
            case ArmOperationClass.Delete:
                statistics.CountDelete();
                break;
            default:
                statistics.CountWrite();
                break;
        }
    }

    private static string ErrorCodeOf(EmulatorResponse response) =>
        response.Body?["error"]?["code"]?.GetValue<string>() ?? "";

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, EmulatorResponse response, string requestId)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = response.StatusCode;
        headers.CacheControl = "no-cache";
        headers.Pragma = "no-cache";
        headers.Expires = "-1";
        headers["x-ms-request-id"] = requestId;
        headers["x-ms-correlation-request-id"] = context.Request.Headers["x-ms-correlation-request-id"].ToString() is { Length: > 0 } correlation ? correlation : requestId;
        if (string.Equals(context.Request.Headers["x-ms-return-client-request-id"], "true", StringComparison.OrdinalIgnoreCase))
        {
            headers["x-ms-client-request-id"] = context.Request.Headers["x-ms-client-request-id"];
        }

        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        var text = response.Body?.ToJsonString(ResponseJsonOptions) ?? response.RawBody;
        if (text is null)
        {
            context.Response.ContentLength = 0;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
