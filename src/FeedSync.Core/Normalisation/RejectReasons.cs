namespace FeedSync.Normalisation;

/// <summary>The reason codes of rejected records, as <see cref="IngestReject.Reason"/> and the JSON report carry them.</summary>
public static class RejectReasons
{
    /// <summary>A required field is absent: the IOC, its type, the threat type, the confidence or the first-seen time.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong form, such as a first-seen time that is not a date or a confidence above 100.</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>
    /// A first-seen or last-seen time more than <see cref="IngestAccumulator.FutureTolerance"/> after the run's
    /// as-of time: it would keep the watchlist row until that date.
    /// </summary>
    public const string FutureTimestamp = "future_timestamp";

    /// <summary>A CSV row has a different number of values than the header, or text between a closing quote and the next comma.</summary>
    public const string MalformedRow = "malformed_row";

    /// <summary>The IOC type is not one FeedSync knows; the type is also counted in <see cref="IngestResult.UnknownIocTypes"/>.</summary>
    public const string UnknownIocType = "unknown_ioc_type";

    /// <summary>An <c>ip:port</c> IOC whose address is not a valid IPv4 or IPv6 address.</summary>
    public const string InvalidIp = "invalid_ip";

    /// <summary>
    /// An <c>ip:port</c> IOC whose address never identifies a remote host, such as a loopback, multicast or
    /// broadcast address. <see cref="ReservedAddresses"/> lists the ranges.
    /// </summary>
    public const string ReservedIp = "reserved_ip";

    /// <summary>An <c>ip:port</c> IOC whose port is not a number from 1 to 65535.</summary>
    public const string InvalidPort = "invalid_port";

    /// <summary>A domain IOC that is not a valid host name.</summary>
    public const string InvalidDomain = "invalid_domain";

    /// <summary>A URL IOC that is not an absolute http or https URL with a valid host.</summary>
    public const string InvalidUrl = "invalid_url";

    /// <summary>A hash IOC with the wrong length or a character that is not hexadecimal.</summary>
    public const string InvalidHash = "invalid_hash";

    /// <summary>Valid, but its kind is not in the filter.</summary>
    public const string FilteredKind = "filtered_kind";

    /// <summary>Valid, but its threat type is not in the filter.</summary>
    public const string FilteredThreatType = "filtered_threat_type";

    /// <summary>Valid, but its confidence is below the filter's minimum.</summary>
    public const string BelowMinConfidence = "below_min_confidence";

    /// <summary>Valid, but its malware family is not in the filter.</summary>
    public const string FilteredFamily = "filtered_family";

    /// <summary>Valid, but its last activity is older than the filter's maximum age.</summary>
    public const string OlderThanMaxAge = "older_than_max_age";
}
