namespace FeedSync.ThreatFox;

/// <summary>
/// One IOC record as ThreatFox published it, with the field names of the API and the exports merged:
/// <c>ioc</c> and <c>ioc_value</c> both fill <see cref="IocValue"/>, <c>first_seen</c> and <c>first_seen_utc</c>
/// both fill <see cref="FirstSeen"/>. Absent values (<c>null</c>, <c>""</c> and <c>"None"</c>) are null.
/// </summary>
public sealed record ThreatFoxRecord
{
    /// <summary>The ThreatFox IOC id.</summary>
    public long? Id { get; init; }

    /// <summary>The IOC as published, possibly defanged.</summary>
    public string? IocValue { get; init; }

    /// <summary>The ThreatFox IOC type, such as <c>ip:port</c>, <c>domain</c>, <c>url</c> or <c>sha256_hash</c>.</summary>
    public string? IocType { get; init; }

    /// <summary>The ThreatFox threat type, such as <c>botnet_cc</c>.</summary>
    public string? ThreatType { get; init; }

    /// <summary>The malware id, such as <c>win.remcos</c> (<c>malware</c>, or <c>fk_malware</c> in the CSV export).</summary>
    public string? Malware { get; init; }

    /// <summary>The printable malware name, such as <c>Remcos</c>.</summary>
    public string? MalwarePrintable { get; init; }

    /// <summary>The malware aliases, split from ThreatFox's comma-separated list.</summary>
    public IReadOnlyList<string> MalwareAliases { get; init; } = [];

    /// <summary>The first-seen time in UTC.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>The last-seen time in UTC.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The confidence level, 0 to 100.</summary>
    public int? Confidence { get; init; }

    /// <summary>Whether the IOC is a compromised legitimate host (<c>is_compromised</c>).</summary>
    public bool? IsCompromised { get; init; }

    /// <summary>The reference URL the reporter gave.</summary>
    public string? Reference { get; init; }

    /// <summary>The tags, split from ThreatFox's comma-separated string or taken from the API's array.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Whether the reporter submitted anonymously.</summary>
    public bool? Anonymous { get; init; }

    /// <summary>The reporter's ThreatFox user name, or <c>anonymous</c>.</summary>
    public string? Reporter { get; init; }

    /// <summary>The 1-based number of the record in its source.</summary>
    public long RecordNumber { get; init; }

    /// <summary>The 1-based line of the source where the record starts.</summary>
    public long Line { get; init; }

    /// <summary>
    /// The first field whose value had the wrong form (such as a first-seen time that is not a date), or null.
    /// The normaliser rejects such a record with reason <c>invalid_field</c>.
    /// </summary>
    public string? InvalidField { get; init; }

    /// <summary>The raw value of <see cref="InvalidField"/>.</summary>
    public string? InvalidFieldValue { get; init; }
}
