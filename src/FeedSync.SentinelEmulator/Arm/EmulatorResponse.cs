using System.Text.Json.Nodes;

namespace FeedSync.SentinelEmulator.Arm;

/// <summary>A response a handler produced: status, optional JSON or raw body, and extra headers.</summary>
internal sealed class EmulatorResponse
{
    private EmulatorResponse(int statusCode, JsonNode? body, string? rawBody)
    {
        StatusCode = statusCode;
        Body = body;
        RawBody = rawBody;
    }

    public int StatusCode { get; }

    public JsonNode? Body { get; }

    /// <summary>Gets a body sent verbatim, such as <c>{}</c>; null with a null <see cref="Body"/> sends none.</summary>
    public string? RawBody { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public static EmulatorResponse Json(int statusCode, JsonNode body) => new(statusCode, body, null);

    public static EmulatorResponse Raw(int statusCode, string body) => new(statusCode, null, body);

    public static EmulatorResponse Empty(int statusCode) => new(statusCode, null, null);

    /// <summary>Creates the ARM error shape <c>{"error":{"code","message"}}</c>.</summary>
    public static EmulatorResponse Error(int statusCode, string code, string message) =>
        new(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, null);

    public EmulatorResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
