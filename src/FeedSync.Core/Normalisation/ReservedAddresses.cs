using System.Net;

namespace FeedSync.Normalisation;

/// <summary>
/// Recognises IP addresses that never identify a remote host: unspecified (<c>0.0.0.0/8</c>, <c>::</c>),
/// loopback (<c>127.0.0.0/8</c>, <c>::1</c>), link-local (<c>169.254.0.0/16</c>, <c>fe80::/10</c>), multicast
/// (<c>224.0.0.0/4</c>, <c>ff00::/8</c>) and the reserved block with the broadcast address (<c>240.0.0.0/4</c>).
/// A watchlist row for one of them would match local traffic on every host, so such IOCs are rejected.
/// </summary>
/// <remarks>
/// Private ranges (<c>10.0.0.0/8</c>, <c>172.16.0.0/12</c>, <c>192.168.0.0/16</c>, <c>fc00::/7</c>) are accepted:
/// ThreatFox lists them rarely, and in a network that uses the range the match is worth a look.
/// </remarks>
internal static class ReservedAddresses
{
    /// <summary>Returns what kind of reserved address <paramref name="canonical"/> is, such as "a loopback address", or null.</summary>
    /// <param name="canonical">An address as <see cref="IpEndpointParser"/> returns it: a dotted quad or RFC 5952 text.</param>
    public static string? Describe(string canonical) =>
        canonical.Contains(':') ? DescribeIpv6(canonical) : DescribeIpv4(canonical);

    private static string? DescribeIpv4(string canonical)
    {
        var firstDot = canonical.IndexOf('.');
        var secondDot = canonical.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0)
        {
            return null;
        }

        var first = int.Parse(canonical.AsSpan(0, firstDot), System.Globalization.CultureInfo.InvariantCulture);
        var second = int.Parse(canonical.AsSpan(firstDot + 1, secondDot - firstDot - 1), System.Globalization.CultureInfo.InvariantCulture);
        return (first, second) switch
        {
            (0, _) => "an unspecified address (0.0.0.0/8)",
            (127, _) => "a loopback address (127.0.0.0/8)",
            (169, 254) => "a link-local address (169.254.0.0/16)",
            (>= 224 and <= 239, _) => "a multicast address (224.0.0.0/4)",
            (>= 240, _) => "a reserved or broadcast address (240.0.0.0/4)",
            _ => null,
        };
    }

    private static string? DescribeIpv6(string canonical)
    {
        if (!IPAddress.TryParse(canonical, out var address))
        {
            return null;
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "the unspecified address (::)";
        }

        if (IPAddress.IsLoopback(address))
        {
            return "the loopback address (::1)";
        }

        if (address.IsIPv6LinkLocal)
        {
            return "a link-local address (fe80::/10)";
        }

        return address.IsIPv6Multicast ? "a multicast address (ff00::/8)" : null;
    }
}
