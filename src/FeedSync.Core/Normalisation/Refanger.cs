namespace FeedSync.Normalisation;

/// <summary>
/// Undoes the usual ways of defanging an IOC: <c>[.]</c>, <c>(.)</c>, <c>{.}</c> and <c>[dot]</c> for a dot,
/// <c>[:]</c> for a colon, <c>[://]</c> for <c>://</c>, and <c>hxxp</c>/<c>hxxps</c> for the URL scheme.
/// </summary>
internal static class Refanger
{
    private static readonly (string Defanged, string Refanged)[] Replacements =
    [
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("(dot)", "."),
        ("[://]", "://"),
        ("[:]", ":"),
    ];

    /// <summary>Returns the refanged value, or the same instance when nothing was defanged.</summary>
    public static string Refang(string value)
    {
        var result = value;
        if (value.AsSpan().IndexOfAny("[({") >= 0)
        {
            foreach (var (defanged, refanged) in Replacements)
            {
                result = result.Replace(defanged, refanged, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (result.StartsWith("hxxp", StringComparison.OrdinalIgnoreCase))
        {
            result = string.Concat(result[0] == 'H' ? "HTTP" : "http", result.AsSpan(4));
        }

        return result;
    }
}
