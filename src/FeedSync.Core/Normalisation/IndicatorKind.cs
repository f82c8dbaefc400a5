namespace FeedSync.Normalisation;

/// <summary>The type of an indicator of compromise after normalisation.</summary>
public enum IndicatorKind
{
    /// <summary>An IPv4 or IPv6 address, with an optional port (ThreatFox <c>ip:port</c>).</summary>
    Ip,

    /// <summary>A host name, lower-cased and in punycode (ThreatFox <c>domain</c>).</summary>
    Domain,

    /// <summary>An absolute http or https URL (ThreatFox <c>url</c>).</summary>
    Url,

    /// <summary>An MD5 file hash, 32 lower-case hex digits.</summary>
    Md5,

    /// <summary>A SHA-1 file hash, 40 lower-case hex digits.</summary>
    Sha1,

    /// <summary>A SHA-256 file hash, 64 lower-case hex digits.</summary>
    Sha256,

    /// <summary>A SHA3-384 file hash, 96 lower-case hex digits.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "SHA3-384 is the algorithm's name.")]
    Sha3_384,
}
