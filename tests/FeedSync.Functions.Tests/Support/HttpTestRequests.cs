using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedSync.Functions.Tests.Support;

/// <summary>Builds HTTP requests for the functions and runs their results through ASP.NET Core's executors.</summary>
internal static class HttpTestRequests
{
    private static readonly IServiceProvider MvcServices =
        new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static HttpRequest Post(string path, string? body, string? contentType = "application/json")
    {
        DefaultHttpContext context = new();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        byte[] bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = body is null ? null : contentType;
        return context.Request;
    }

    public static HttpRequest Get(string path, string query = "")
    {
        DefaultHttpContext context = new();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    /// <summary>Executes a function's result as the Functions ASP.NET Core integration would, and reads the response.</summary>
    public static async Task<HttpTestResponse> ExecuteAsync(IActionResult result)
    {
        DefaultHttpContext context = new() { RequestServices = MvcServices };
        MemoryStream body = new();
        context.Response.Body = body;

        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        string text = Encoding.UTF8.GetString(body.ToArray());
        return new HttpTestResponse(context.Response.StatusCode, context.Response.ContentType, text);
    }
}

/// <summary>A response status, content type and body as text.</summary>
internal sealed record HttpTestResponse(int StatusCode, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
