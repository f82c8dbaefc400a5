namespace FeedSync.Normalisation;

/// <summary>
/// Normalises http and https URLs: the scheme and host are lower-cased (an internationalised host becomes
/// punycode), the default port (80 for http, 443 for https) is dropped, and everything after the authority
/// (path, query, fragment) is kept exactly as published.
/// </summary>
internal static class UrlNormaliser
{
    /// <summary>Normalises <paramref name="value"/>; on failure <paramref name="detail"/> explains the problem.</summary>
    public static bool TryNormalise(string value, out string canonical, out string detail)
    {
        canonical = string.Empty;
        var text = value.AsSpan().Trim();
        if (text.IndexOfAny(" \t\r\n") >= 0)
        {
            detail = $"'{text}' contains whitespace";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            detail = $"'{text}' is not an absolute URL: it has no scheme such as http://";
            return false;
        }

        var scheme = SchemeOf(text[..schemeEnd]);
        if (scheme is null)
        {
            detail = $"'{text}' has the scheme '{text[..schemeEnd].ToString().ToLowerInvariant()}'; only http and https URLs are supported";
            return false;
        }

        var afterScheme = text[(schemeEnd + 3)..];
        var authorityLength = afterScheme.IndexOfAny("/?#");
        var authority = authorityLength < 0 ? afterScheme : afterScheme[..authorityLength];
        var rest = authorityLength < 0 ? [] : afterScheme[authorityLength..];

        if (!TryNormaliseAuthority(authority, scheme, out var canonicalAuthority, out detail))
        {
            detail = $"'{text}' {detail}";
            return false;
        }

        canonical = IsSpelledAs(value, text, scheme, canonicalAuthority, schemeEnd)
            ? value
            : string.Concat(scheme, "://", canonicalAuthority, rest);
        if (!Uri.TryCreate(canonical, UriKind.Absolute, out _))
        {
            detail = $"'{text}' cannot be parsed as a URL";
            return false;
        }

        detail = string.Empty;
        return true;
    }

    private static string? SchemeOf(ReadOnlySpan<char> scheme) =>
        scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
        : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
        : null;

    /// <summary>Returns true when the whole value already reads scheme, <c>://</c> and the canonical authority, so it is canonical.</summary>
    private static bool IsSpelledAs(string value, ReadOnlySpan<char> text, string scheme, string canonicalAuthority, int schemeEnd) =>
        text.Length == value.Length
        && text[..schemeEnd].SequenceEqual(scheme)
        && text[(schemeEnd + 3)..].StartsWith(canonicalAuthority, StringComparison.Ordinal)
        && (text.Length == schemeEnd + 3 + canonicalAuthority.Length || text[schemeEnd + 3 + canonicalAuthority.Length] is '/' or '?' or '#');

    private static bool TryNormaliseAuthority(ReadOnlySpan<char> authority, string scheme, out string canonical, out string detail)
    {
        canonical = string.Empty;
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? [] : authority[..(at + 1)];
        var hostAndPort = authority[(at + 1)..];

        if (!TrySplitPort(hostAndPort, out var host, out var port, out detail)
            || !TryNormaliseHost(host, out var canonicalHost, out detail))
        {
            return false;
        }

        var defaultPort = scheme == "https" ? 443 : 80;
        var portText = port is { } number && number != defaultPort ? $":{number}" : string.Empty;
        canonical = userInfo.IsEmpty && portText.Length == 0 ? canonicalHost : string.Concat(userInfo, canonicalHost, portText);
        return true;
    }

    private static bool TrySplitPort(ReadOnlySpan<char> hostAndPort, out ReadOnlySpan<char> host, out int? port, out string detail)
    {
        detail = string.Empty;
        port = null;
        host = hostAndPort;
        var closeBracket = hostAndPort.LastIndexOf(']');
        var colon = hostAndPort.LastIndexOf(':');
        if (colon < 0 || colon < closeBracket)
        {
            return true;
        }

        host = hostAndPort[..colon];
        var portText = hostAndPort[(colon + 1)..];
        if (portText.IsEmpty)
        {
            return true;
        }

        if (!IpEndpointParser.TryParsePort(portText, out var parsed))
        {
            detail = $"has the port '{portText}', which is not a number from 1 to 65535";
            return false;
        }

        port = parsed;
        return true;
    }

    private static bool TryNormaliseHost(ReadOnlySpan<char> host, out string canonical, out string detail)
    {
        detail = string.Empty;
        if (host is ['[', .., ']'])
        {
            if (IpEndpointParser.TryParseIpv6(host[1..^1], out var ipv6))
            {
                canonical = $"[{ipv6}]";
                return true;
            }

            canonical = string.Empty;
            detail = $"has the host '{host}', which is not a valid IPv6 address";
            return false;
        }

        if (IpEndpointParser.TryParseIpv4(host, out canonical))
        {
            return true;
        }

        if (HostNameNormaliser.TryNormalise(host, out canonical, out var hostDetail))
        {
            return true;
        }

        detail = $"has an invalid host: {hostDetail}";
        return false;
    }
}
