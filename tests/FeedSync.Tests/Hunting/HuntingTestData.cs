using FeedSync.Hunting;
using FeedSync.Normalisation;
using Microsoft.Extensions.Options;

namespace FeedSync.Tests.Hunting;

/// <summary>Indicators and builders that the hunting tests share.</summary>
internal static class HuntingTestData
{
    public static MalwareFamily Remcos { get; } = new("win.remcos", "Remcos", ["RemcosRAT", "Remvio", "Socmer"]);

    public static MalwareFamily CobaltStrike { get; } = new("win.cobalt_strike", "Cobalt Strike", ["Agentemis", "BEACON"]);

    public static DateTimeOffset RemcosFirstSeen { get; } = new(2026, 5, 26, 7, 15, 0, TimeSpan.Zero);

    /// <summary>The three ip:port indicators of the "ThreatFox: Remcos IOCs" rule.</summary>
    public static IReadOnlyList<Indicator> RemcosIndicators { get; } =
    [
        Ip("124.198.132.98", 2414, Remcos, RemcosFirstSeen),
        Ip("124.198.132.98", 2424, Remcos, RemcosFirstSeen),
        Ip("31.76.93.14", 1337, Remcos, RemcosFirstSeen),
    ];

    /// <summary>Indicators of every kind for one family, with an address without port.</summary>
    public static IReadOnlyList<Indicator> CobaltStrikeIndicators { get; } =
    [
        Ip("47.95.207.79", 443, CobaltStrike, RemcosFirstSeen),
        Ip("2a02:cf40:1::5", 40669, CobaltStrike, RemcosFirstSeen),
        Ip("198.51.100.7", null, CobaltStrike, RemcosFirstSeen),
        Create(IndicatorKind.Domain, "cdn-updates.example", CobaltStrike, "botnet_cc", RemcosFirstSeen),
        Create(IndicatorKind.Url, "http://malaikahlowry33.top/load.php?id=", CobaltStrike, "payload_delivery", RemcosFirstSeen),
        Create(IndicatorKind.Sha256, new string('a', 64), CobaltStrike, "payload", RemcosFirstSeen),
        Create(IndicatorKind.Sha1, new string('b', 40), CobaltStrike, "payload", RemcosFirstSeen),
        Create(IndicatorKind.Md5, new string('c', 32), CobaltStrike, "payload", RemcosFirstSeen),
        Create(IndicatorKind.Sha3_384, new string('d', 96), CobaltStrike, "payload", RemcosFirstSeen),
    ];

    /// <summary>Strings that try to end a KQL literal, a Markdown table cell or a YAML scalar, or to hide text.</summary>
    public static IReadOnlyList<string> HostileStrings { get; } =
    [
        "'); CommonSecurityLog | take 100 //",
        "x' or 1 == 1 or 'y",
        "a\\' | where true //",
        "\\",
        "\"; print \"pwned",
        "line1\nline2 | evaluate python()",
        "a\r\n// comment\r\n| take 1",
        "\u0000\u0001\u001f\u007f\u0085",
        "\u202eexe.txt\u2028\u2029",
        "| col1 | col2 |\n|---|---|",
        "`code` ``` fence",
        "<script>alert(1)</script> & [link](javascript:alert(1)) ![img](x)",
        "# heading *bold* _em_ ~strike~",
        "key: value\n- item\n--- \n... # yaml",
        "{ \"json\": [1, 2] } & *anchor !!tag %directive @at",
        "é中文😀 \ud800 lone surrogate",
        " leading and trailing spaces ",
    ];

    public static Indicator Ip(string address, int? port, MalwareFamily family, DateTimeOffset firstSeen) => new()
    {
        Kind = IndicatorKind.Ip,
        Value = address,
        Port = port,
        OriginalValue = port is null ? address : $"{address}:{port}",
        Families = [family],
        ThreatType = "botnet_cc",
        Confidence = 75,
        FirstSeen = firstSeen,
        Tags = ["RAT", "RemcosRAT"],
    };

    public static Indicator Create(IndicatorKind kind, string value, MalwareFamily family, string threatType, DateTimeOffset firstSeen) => new()
    {
        Kind = kind,
        Value = value,
        OriginalValue = value,
        Families = [family],
        ThreatType = threatType,
        Confidence = 100,
        FirstSeen = firstSeen,
    };

    public static HuntingContentBuilder Builder(Action<HuntingOptions>? configure = null)
    {
        var options = new HuntingOptions();
        configure?.Invoke(options);
        return new HuntingContentBuilder(Options.Create(options));
    }

    public static HuntingFamilyContent Family(IReadOnlyList<Indicator> indicators, string family, Action<HuntingOptions>? configure = null) =>
        Builder(configure).BuildFamilies(indicators, family).Single();
}
