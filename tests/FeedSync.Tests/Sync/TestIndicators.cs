using FeedSync.Normalisation;

namespace FeedSync.Tests.Sync;

/// <summary>Builds indicators for tests, modelled on the Remcos indicators of the bundled sample.</summary>
internal static class TestIndicators
{
    public static readonly MalwareFamily Remcos = new("win.remcos", "Remcos", ["RemcosRAT"]);

    public static readonly DateTimeOffset FirstSeen = new(2026, 5, 26, 9, 15, 0, TimeSpan.Zero);

    public static Indicator Ip(string address, int? port, DateTimeOffset? lastSeen = null, long threatFoxId = 1_500_001) => new()
    {
        Kind = IndicatorKind.Ip,
        Value = address,
        Port = port,
        OriginalValue = port is null ? address : $"{address}:{port}",
        Families = [Remcos],
        ThreatType = "botnet_cc",
        Confidence = 75,
        FirstSeen = FirstSeen,
        LastSeen = lastSeen,
        Tags = ["RAT", "Remcos"],
        Reference = "https://example.org/remcos-report",
        ThreatFoxIds = [threatFoxId],
    };

    public static Indicator Domain(string domain, DateTimeOffset? lastSeen = null) => new()
    {
        Kind = IndicatorKind.Domain,
        Value = domain,
        OriginalValue = domain,
        Families = [Remcos],
        ThreatType = "botnet_cc",
        Confidence = 50,
        FirstSeen = FirstSeen,
        LastSeen = lastSeen,
        ThreatFoxIds = [1_500_100],
    };

    /// <summary>Returns <paramref name="count"/> distinct IP indicators, 10.0.x.y on port 443.</summary>
    public static List<Indicator> ManyIps(int count, DateTimeOffset lastSeen) =>
        [.. Enumerable.Range(0, count).Select(index => Ip($"10.0.{index / 250}.{(index % 250) + 1}", 443, lastSeen, 1_600_000 + index))];
}
