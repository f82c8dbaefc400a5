using System.Buffers.Text;
using System.Text.Json;

namespace FeedSync.SentinelEmulator.State;

/// <summary>
/// Works out who a request acts as, for <c>createdBy</c> and <c>updatedBy</c>. The bearer token is never verified:
/// when it is a JWT, its <c>oid</c>, <c>upn</c> or <c>email</c>, and <c>name</c> or <c>appid</c> claims are read;
/// otherwise the emulator's own identity is used.
/// </summary>
internal static class EmulatorIdentity
{
    /// <summary>Gets the identity used when the token carries no readable claims.</summary>
    public static UserInfoState Default { get; } = new(
        "00000000-0000-0000-0000-000000000000", "emulator@feedsync.local", "feedsync-emulator");

    /// <summary>The tenant id the emulator reports for every resource.</summary>
    public const string TenantId = "00000000-0000-0000-0000-000000000000";

    public static UserInfoState FromBearerToken(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return Default;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var objectId = ReadClaim(root, "oid") ?? Default.ObjectId;
            var email = ReadClaim(root, "upn") ?? ReadClaim(root, "email");
            var name = ReadClaim(root, "name") ?? ReadClaim(root, "appid") ?? objectId;
            return new UserInfoState(objectId, email, name);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return Default;
        }
    }

    private static string? ReadClaim(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
