using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedSync.SentinelEmulator.Arm;

/// <summary>Splits lists into pages of 100, linked by an absolute <c>nextLink</c> carrying an opaque <c>$skipToken</c>.</summary>
internal static class ArmPaging
{
    public const int PageSize = 100;

    public static EmulatorResponse Page<T>(ArmRequestContext request, IReadOnlyList<T> items, Func<T, JsonNode> toJson)
    {
        var offset = 0;
        if (request.SkipToken is { Length: > 0 } token && !TryDecode(token, out offset))
        {
            return EmulatorResponse.Error(400, "BadRequest", $"The $skipToken '{token}' is not valid. Use the nextLink of the previous page unchanged.");
        }

        var value = new JsonArray();
        foreach (var item in items.Skip(offset).Take(PageSize))
        {
            value.Add(toJson(item));
        }

        var body = new JsonObject { ["value"] = value };
        if (offset + PageSize < items.Count)
        {
            body["nextLink"] = request.NextLink(Encode(offset + PageSize));
        }

        return EmulatorResponse.Json(200, body);
    }

    private static string Encode(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
