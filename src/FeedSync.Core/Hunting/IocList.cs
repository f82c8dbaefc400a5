namespace FeedSync.Hunting;

/// <summary>A list of indicator values that a query's prelude defines with <c>let</c> and its filter reads.</summary>
internal enum IocList
{
    /// <summary><c>iocAddresses</c>: every IP address.</summary>
    Addresses,

    /// <summary><c>iocEndpoints</c>: <c>address:port</c> of every IP indicator with a port.</summary>
    Endpoints,

    /// <summary><c>iocPortlessAddresses</c>: the addresses of IP indicators without a port.</summary>
    PortlessAddresses,

    /// <summary><c>iocDomains</c>: host names, lower-cased.</summary>
    Domains,

    /// <summary><c>iocUrlKeys</c>: URLs without scheme and trailing slashes, lower-cased (see <c>urlKey</c>).</summary>
    UrlKeys,

    /// <summary><c>iocSha256</c>: SHA-256 hashes, lower-cased.</summary>
    Sha256,

    /// <summary><c>iocSha1</c>: SHA-1 hashes, lower-cased.</summary>
    Sha1,

    /// <summary><c>iocMd5</c>: MD5 hashes, lower-cased.</summary>
    Md5,

    /// <summary><c>iocFileHashes</c>: MD5, SHA-1 and SHA-256 hashes together, lower-cased.</summary>
    FileHashes,
}
