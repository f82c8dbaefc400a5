using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FeedSync.Normalisation;

/// <summary>
/// Parses ThreatFox <c>ip:port</c> values: IPv4 <c>a.b.c.d:port</c>, IPv6 <c>[addr]:port</c>, and IPv6
/// without brackets, where the port follows the last colon. The port is optional.
/// </summary>
internal static class IpEndpointParser
{
    // RFC 5952 writes an IPv4-mapped IPv6 address as this prefix and a dotted quad.
    private const string Ipv4MappedPrefix = "::ffff:";

    /// <summary>
    /// Parses <paramref name="value"/> into the canonical address (dotted quad, or RFC 5952 text for IPv6) and
    /// the port; on failure returns the reason code and a detail. An IPv4-mapped IPv6 address
    /// (<c>::ffff:a.b.c.d</c>) becomes the IPv4 address it maps, so that it matches the same traffic.
    /// </summary>
    public static bool TryParse(string value, out string address, out int? port, out string reason, out string detail)
    {
        if (!TryParseEndpoint(value, out address, out port, out reason, out detail))
        {
            return false;
        }

        if (address.StartsWith(Ipv4MappedPrefix, StringComparison.Ordinal) && !address.AsSpan(Ipv4MappedPrefix.Length).Contains(':'))
        {
            address = address[Ipv4MappedPrefix.Length..];
        }

        return true;
    }

    private static bool TryParseEndpoint(string value, out string address, out int? port, out string reason, out string detail)
    {
        address = string.Empty;
        port = null;
        reason = string.Empty;
        detail = string.Empty;

        var text = value.AsSpan().Trim();
        if (text.StartsWith('['))
        {
            return TryParseBracketed(text, ref address, ref port, ref reason, ref detail);
        }

        var lastColon = text.LastIndexOf(':');
        if (lastColon < 0)
        {
            return TryParseAddress(text, out address, ref reason, ref detail);
        }

        var hostPart = text[..lastColon];
        var portPart = text[(lastColon + 1)..];
        if (hostPart.Contains(':'))
        {
            return TryParseUnbracketedIpv6(text, hostPart, portPart, ref address, ref port, ref reason, ref detail);
        }

        if (!TryParseAddress(hostPart, out address, ref reason, ref detail))
        {
            return false;
        }

        return TryParsePort(portPart, ref port, ref reason, ref detail);
    }

    /// <summary>Parses a port: digits only, 1 to 65535.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5 || text.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return false;
        }

        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port is >= 1 and <= 65535;
    }

    /// <summary>Parses a strict dotted-quad IPv4 address: four decimal octets 0 to 255 without leading zeros.</summary>
    public static bool TryParseIpv4(ReadOnlySpan<char> text, out string canonical)
    {
        canonical = string.Empty;
        var octets = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var end = text[position..].IndexOf('.');
            var octet = end < 0 ? text[position..] : text.Slice(position, end);
            if (!IsOctet(octet) || ++octets > 4)
            {
                return false;
            }

            if (end < 0)
            {
                break;
            }

            position += end + 1;
        }

        if (octets != 4)
        {
            return false;
        }

        canonical = text.ToString();
        return true;
    }

    private static bool IsOctet(ReadOnlySpan<char> octet)
    {
        if (octet.IsEmpty || octet.Length > 3 || (octet.Length > 1 && octet[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in octet)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= 255;
    }

    /// <summary>Parses an IPv6 address without brackets or zone and returns its RFC 5952 form.</summary>
    public static bool TryParseIpv6(ReadOnlySpan<char> text, out string canonical)
    {
        canonical = string.Empty;
        if (!text.Contains(':') || text.Contains('%')
            || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        canonical = parsed.ToString();
        return true;
    }

    private static bool TryParseBracketed(ReadOnlySpan<char> text, ref string address, ref int? port, ref string reason, ref string detail)
    {
        var close = text.IndexOf(']');
        if (close < 0 || !TryParseIpv6(text[1..close], out address))
        {
            return Fail(RejectReasons.InvalidIp, $"'{text}' is not a valid bracketed IPv6 address", ref reason, ref detail);
        }

        var rest = text[(close + 1)..];
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] != ':')
        {
            return Fail(RejectReasons.InvalidIp, $"'{text}' has '{rest}' after the IPv6 address where ':port' was expected", ref reason, ref detail);
        }

        return TryParsePort(rest[1..], ref port, ref reason, ref detail);
    }

    private static bool TryParseUnbracketedIpv6(ReadOnlySpan<char> text, ReadOnlySpan<char> hostPart, ReadOnlySpan<char> portPart, ref string address, ref int? port, ref string reason, ref string detail)
    {
        // ThreatFox writes IPv6 ip:port without brackets. The text after the last colon is therefore the port
        // whenever the text before it is an address. Only otherwise is the whole value taken as an address.
        if (TryParseIpv6(hostPart, out address))
        {
            return TryParsePort(portPart, ref port, ref reason, ref detail);
        }

        if (TryParseIpv6(text, out address))
        {
            return true;
        }

        return Fail(RejectReasons.InvalidIp, $"'{text}' is not an IPv6 address followed by ':port'", ref reason, ref detail);
    }

    private static bool TryParseAddress(ReadOnlySpan<char> text, out string address, ref string reason, ref string detail)
    {
        if (TryParseIpv4(text, out address) || TryParseIpv6(text, out address))
        {
            return true;
        }

        return Fail(RejectReasons.InvalidIp, $"'{text}' is not a valid IPv4 address (four octets 0-255 without leading zeros) or IPv6 address", ref reason, ref detail);
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, ref int? port, ref string reason, ref string detail)
    {
        if (TryParsePort(text, out var parsed))
        {
            port = parsed;
            return true;
        }

        return Fail(RejectReasons.InvalidPort, $"port '{text}' is not a number from 1 to 65535", ref reason, ref detail);
    }

    private static bool Fail(string code, string message, ref string reason, ref string detail)
    {
        reason = code;
        detail = message;
        return false;
    }
}
