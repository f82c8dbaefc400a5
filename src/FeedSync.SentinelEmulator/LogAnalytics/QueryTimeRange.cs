using System.Xml;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>The time range of a query from its ISO 8601 <c>timespan</c>: a duration back from now, or <c>start/end</c> or <c>start/duration</c>.</summary>
internal sealed record QueryTimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    public static QueryTimeRange All { get; } = new(null, null);

    public bool Contains(DateTimeOffset time) => (Start is null || time >= Start) && (End is null || time <= End);

    public static bool TryParse(string? timespan, DateTimeOffset now, out QueryTimeRange range)
    {
        range = All;
        if (string.IsNullOrWhiteSpace(timespan))
        {
            return true;
        }

        var parts = timespan.Split('/');
        if (parts.Length == 1)
        {
            return TryDuration(parts[0], out var duration) && Set(now - duration, now, out range);
        }

        if (parts.Length != 2 || !DateTimeOffset.TryParse(parts[0], null, System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(parts[1], null, System.Globalization.DateTimeStyles.AssumeUniversal, out var end))
        {
            return Set(start, end, out range);
        }

        return TryDuration(parts[1], out var length) && Set(start, start + length, out range);
    }

    private static bool Set(DateTimeOffset start, DateTimeOffset end, out QueryTimeRange range)
    {
        range = new QueryTimeRange(start, end);
        return true;
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return duration > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            duration = TimeSpan.Zero;
            return false;
        }
    }
}
