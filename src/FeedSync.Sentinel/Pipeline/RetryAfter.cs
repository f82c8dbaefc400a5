using System.Globalization;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>Reads the wait a throttled or unavailable service asks for.</summary>
internal static class RetryAfter
{
    /// <summary>
    /// Returns the requested wait from <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> (milliseconds) or
    /// <c>Retry-After</c> (seconds or an HTTP date, measured from <paramref name="now"/>), in that order;
    /// null when none is present and valid. A date in the past gives zero.
    /// </summary>
    public static TimeSpan? Parse(ServiceResponse response, DateTimeOffset now)
    {
        foreach (var name in (ReadOnlySpan<string>)["retry-after-ms", "x-ms-retry-after-ms"])
        {
            var milliseconds = response.GetHeader(name);
            if (double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return TimeSpan.FromMilliseconds(value);
            }
        }

        var retryAfter = response.GetHeader("Retry-After");
        if (retryAfter is null)
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
