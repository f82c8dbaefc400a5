using FeedSync.ThreatFox;

namespace FeedSync.Tests.Normalisation;

/// <summary>Builds ThreatFox records for normalisation tests.</summary>
internal static class Records
{
    /// <summary>The first-seen time records get unless a test sets one.</summary>
    public static readonly DateTimeOffset FirstSeen = new(2026, 5, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a valid Remcos ip:port record that a test can change with <c>with</c>.</summary>
    public static ThreatFoxRecord Remcos(string ioc = "124.198.132.98:2414", long id = 1, int confidence = 75) => new()
    {
        Id = id,
        IocValue = ioc,
        IocType = "ip:port",
        ThreatType = "botnet_cc",
        Malware = "win.remcos",
        MalwarePrintable = "Remcos",
        MalwareAliases = ["RemcosRAT", "Remvio"],
        FirstSeen = FirstSeen,
        Confidence = confidence,
        Tags = ["Remcos"],
        Reporter = "tester",
        RecordNumber = id,
        Line = id,
    };

    /// <summary>Returns a valid record of <paramref name="iocType"/>.</summary>
    public static ThreatFoxRecord Of(string iocType, string ioc, long id = 1) => Remcos(ioc, id) with { IocType = iocType };
}
