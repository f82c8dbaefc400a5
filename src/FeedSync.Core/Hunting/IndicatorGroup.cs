using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>The group of indicator kinds that a table matches with the same columns.</summary>
internal enum IndicatorGroup
{
    /// <summary>IP addresses, with or without a port.</summary>
    Address,

    /// <summary>Host names.</summary>
    Domain,

    /// <summary>URLs.</summary>
    Url,

    /// <summary>MD5, SHA-1 and SHA-256 file hashes.</summary>
    FileHash,
}

/// <summary>Maps indicator kinds to the groups tables match them in.</summary>
internal static class IndicatorGroups
{
    /// <summary>The hash kinds that Sentinel tables have columns for.</summary>
    public static IReadOnlyList<IndicatorKind> HuntedHashKinds { get; } = [IndicatorKind.Sha256, IndicatorKind.Sha1, IndicatorKind.Md5];

    /// <summary>Returns the group of <paramref name="kind"/>, or null for a kind no table can match (SHA3-384).</summary>
    public static IndicatorGroup? Of(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ip => IndicatorGroup.Address,
        IndicatorKind.Domain => IndicatorGroup.Domain,
        IndicatorKind.Url => IndicatorGroup.Url,
        IndicatorKind.Md5 or IndicatorKind.Sha1 or IndicatorKind.Sha256 => IndicatorGroup.FileHash,
        _ => null,
    };

    /// <summary>Returns the ThreatFox type name of an indicator, such as <c>ip:port</c> or <c>sha256_hash</c>.</summary>
    public static string ThreatFoxTypeOf(Indicator indicator) => indicator.Kind switch
    {
        IndicatorKind.Ip => indicator.Port is null ? "ip" : "ip:port",
        IndicatorKind.Domain => "domain",
        IndicatorKind.Url => "url",
        IndicatorKind.Md5 => "md5_hash",
        IndicatorKind.Sha1 => "sha1_hash",
        IndicatorKind.Sha256 => "sha256_hash",
        IndicatorKind.Sha3_384 => "sha3_384_hash",
        _ => indicator.Kind.ToString().ToLowerInvariant(),
    };
}
