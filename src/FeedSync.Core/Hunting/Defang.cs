using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>
/// Writes indicator values in defanged form for documents, so that no reader or renderer follows them by accident:
/// <c>124[.]198[.]132[.]98:2414</c>, <c>evil[.]example</c>, <c>hxxp://evil[.]example/load.php</c>. Hashes stay as they are.
/// </summary>
internal static class Defang
{
    /// <summary>Returns the defanged value of <paramref name="indicator"/>, with its port for an IP address.</summary>
    public static string Value(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        return indicator.Kind switch
        {
            IndicatorKind.Ip => Address(indicator.Value, indicator.Port),
            IndicatorKind.Domain => Dots(indicator.Value),
            IndicatorKind.Url => Url(indicator.Value),
            _ => indicator.Value,
        };
    }

    /// <summary>Returns an IP address defanged: the dots of IPv4 as <c>[.]</c>; IPv6 in brackets when a port follows.</summary>
    public static string Address(string address, int? port)
    {
        ArgumentNullException.ThrowIfNull(address);

        var isIPv6 = address.Contains(':', StringComparison.Ordinal);
        var host = isIPv6 ? address : Dots(address);
        if (port is null)
        {
            return host;
        }

        var portText = port.Value.ToString(CultureInfo.InvariantCulture);
        return isIPv6 ? $"[{host}]:{portText}" : $"{host}:{portText}";
    }

    private static string Url(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return Dots(url);
        }

        var scheme = url[..schemeEnd].ToLowerInvariant() switch
        {
            "http" => "hxxp",
            "https" => "hxxps",
            "ftp" => "fxp",
            var other => other,
        };
        var rest = url[(schemeEnd + 3)..];
        var hostEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = hostEnd < 0 ? rest : rest[..hostEnd];
        var path = hostEnd < 0 ? string.Empty : rest[hostEnd..];
        return $"{scheme}://{Dots(authority)}{path}";
    }

    private static string Dots(string text) => text.Replace(".", "[.]", StringComparison.Ordinal);
}
