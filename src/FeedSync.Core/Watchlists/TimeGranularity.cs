namespace FeedSync.Watchlists;

/// <summary>Rounds UTC times to a granularity, counted in whole steps from 0001-01-01T00:00:00Z.</summary>
internal static class TimeGranularity
{
    /// <summary>Rounds <paramref name="time"/> down to a multiple of <paramref name="granularity"/>, in UTC.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan granularity)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % granularity.Ticks), TimeSpan.Zero);
    }

    /// <summary>Rounds <paramref name="time"/> up to a multiple of <paramref name="granularity"/>, in UTC.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan granularity)
    {
        var floor = Floor(time, granularity);
        return floor.UtcTicks == time.UtcTicks ? floor : floor.Add(granularity);
    }
}
