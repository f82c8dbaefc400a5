using System.Globalization;

namespace FeedSync.SentinelEmulator.Arm;

/// <summary>Formats timestamps and etags the way the recorded service writes them.</summary>
internal static class ArmFormat
{
    /// <summary>Formats a property time such as <c>2023-01-10T01:45:50.2517205+00:00</c>.</summary>
    public static string PropertyTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Formats a <c>systemData</c> or log time such as <c>2023-01-10T01:45:50.2517205Z</c>.</summary>
    public static string UtcTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Creates a quoted etag shaped like the service's, such as <c>"920542b2-0000-0100-0000-63bcc34e0000"</c>.</summary>
    public static string NewResourceEtag(DateTimeOffset now)
    {
        var random = Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture);
        var seconds = now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"\"{random}-0000-0100-0000-{seconds}0000\"";
    }

    /// <summary>Creates a saved-search etag such as <c>W/"datetime'2021-12-13T07%3A13%3A25.9419576Z'"</c>.</summary>
    public static string SavedSearchEtag(DateTimeOffset time) =>
        $"W/\"datetime'{Uri.EscapeDataString(UtcTime(time))}'\"";
}
