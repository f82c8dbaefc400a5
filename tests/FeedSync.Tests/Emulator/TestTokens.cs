using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedSync.Tests.Emulator;

/// <summary>Unsigned JWT-shaped bearer tokens; the emulator reads their claims but never verifies them.</summary>
internal static class TestTokens
{
    public static string User(string objectId, string userPrincipalName, string name) =>
        Create(new JsonObject { ["oid"] = objectId, ["upn"] = userPrincipalName, ["name"] = name });

    public static string Application(string objectId, string applicationId) =>
        Create(new JsonObject { ["oid"] = objectId, ["appid"] = applicationId });

    private static string Create(JsonObject claims)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return $"{header}.{payload}.unsigned";
    }
}
