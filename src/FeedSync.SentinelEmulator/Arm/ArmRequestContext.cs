using System.Text.Json;
using System.Text.Json.Nodes;
using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.Arm;

/// <summary>What a resource handler needs to know about one ARM request.</summary>
internal sealed record ArmRequestContext(
    ArmRoute Route,
    string Method,
    string Path,
    string ApiVersion,
    string? SkipToken,
    string? Body,
    UserInfoState Identity,
    Uri BaseUri,
    SentinelEmulatorOptions Options)
{
    /// <summary>Parses the body as a JSON object, or returns ARM's 400 InvalidRequestContent.</summary>
    public (JsonObject? Body, EmulatorResponse? Error) ReadJsonObject()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return (null, EmulatorResponse.Error(400, "InvalidRequestContent", "The request content was empty. Send the resource as a JSON object."));
        }

        try
        {
            if (JsonNode.Parse(Body) is JsonObject body)
            {
                return (body, null);
            }

            return (null, EmulatorResponse.Error(400, "InvalidRequestContent", "The request content must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, EmulatorResponse.Error(
                400,
                "InvalidRequestContent",
                $"The request content was invalid and could not be deserialized: '{exception.Message}'."));
        }
    }

    /// <summary>Builds the absolute link to the next page of the list this request read.</summary>
    public string NextLink(string skipToken) =>
        new Uri(BaseUri, Path.TrimStart('/')).AbsoluteUri
        + $"?api-version={Uri.EscapeDataString(ApiVersion)}&$skipToken={Uri.EscapeDataString(skipToken)}";
}
