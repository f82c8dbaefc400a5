using FeedSync.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FeedSync.Functions.Http;

/// <summary>JSON results of the HTTP functions, with errors as RFC 9457 problem details.</summary>
internal static class HttpResults
{
    private const string ProblemContentType = "application/problem+json";

    public static JsonResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        new(value, FunctionsJson.Options) { StatusCode = statusCode, ContentType = "application/json" };

    public static JsonResult Problem(int statusCode, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        ProblemDetails problem = new() { Status = statusCode, Title = title, Detail = detail };
        foreach ((string key, object? value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new JsonResult(problem, FunctionsJson.Options) { StatusCode = statusCode, ContentType = ProblemContentType };
    }

    public static JsonResult ValidationProblem(string title, IReadOnlyDictionary<string, string[]> errors)
    {
        ValidationProblemDetails problem = new(errors.ToDictionary(pair => pair.Key, pair => pair.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join(" ", errors.Values.SelectMany(messages => messages)),
        };
        return new JsonResult(problem, FunctionsJson.Options) { StatusCode = StatusCodes.Status400BadRequest, ContentType = ProblemContentType };
    }
}
