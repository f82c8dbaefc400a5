using System.Net;

namespace FeedSync.Sentinel.Workspace;

/// <summary>Parses and classifies configured endpoint URLs.</summary>
internal static class EndpointAddress
{
    /// <summary>Returns the URL when the text is an absolute https URL, else null.</summary>
    public static Uri? ParseHttps(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

    /// <summary>Returns true when the URL's host is a loopback address or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
