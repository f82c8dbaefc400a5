namespace FeedSync.Normalisation;

/// <summary>The ThreatFox IOC and threat types FeedSync knows.</summary>
internal static class IocTypes
{
    /// <summary>The threat types ThreatFox used as of 2026; any other is accepted and counted as unknown.</summary>
    public static readonly IReadOnlySet<string> KnownThreatTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "botnet_cc", "payload_delivery", "payload", "cc_skimming",
    };

    /// <summary>The known threat types in alphabetical order, for messages.</summary>
    public static string KnownThreatTypeList { get; } = string.Join(", ", KnownThreatTypes.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, IndicatorKind> KindsByIocType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ip:port"] = IndicatorKind.Ip,
        ["domain"] = IndicatorKind.Domain,
        ["url"] = IndicatorKind.Url,
        ["md5_hash"] = IndicatorKind.Md5,
        ["sha1_hash"] = IndicatorKind.Sha1,
        ["sha256_hash"] = IndicatorKind.Sha256,
        ["sha3_384_hash"] = IndicatorKind.Sha3_384,
    };

    /// <summary>The IOC types FeedSync knows, for messages.</summary>
    public static string KnownIocTypeList { get; } = string.Join(", ", KindsByIocType.Keys);

    /// <summary>Maps a ThreatFox <c>ioc_type</c> (case-insensitive) to an indicator kind; returns false for an unknown type.</summary>
    public static bool TryGetKind(string iocType, out IndicatorKind kind) => KindsByIocType.TryGetValue(iocType, out kind);
}
