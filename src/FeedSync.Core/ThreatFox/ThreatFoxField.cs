namespace FeedSync.ThreatFox;

/// <summary>A ThreatFox record field, whichever name the API, the JSON export or the CSV export gives it.</summary>
internal enum ThreatFoxField
{
    Unknown,
    Id,
    IocValue,
    IocType,
    ThreatType,
    Malware,
    MalwarePrintable,
    MalwareAlias,
    FirstSeen,
    LastSeen,
    Confidence,
    IsCompromised,
    Reference,
    Tags,
    Anonymous,
    Reporter,
}

/// <summary>Maps the field names of every ThreatFox shape to <see cref="ThreatFoxField"/>.</summary>
internal static class ThreatFoxFieldNames
{
    private const int MaxKnownNameLength = 32;

    /// <summary>Returns the field that a UTF-8 property name denotes, or <see cref="ThreatFoxField.Unknown"/>.</summary>
    public static ThreatFoxField Lookup(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > MaxKnownNameLength)
        {
            return ThreatFoxField.Unknown;
        }

        Span<char> name = stackalloc char[MaxKnownNameLength];
        for (var i = 0; i < utf8Name.Length; i++)
        {
            name[i] = (char)utf8Name[i];
        }

        return Lookup(name[..utf8Name.Length]);
    }

    /// <summary>Returns the field that a property or column name denotes, or <see cref="ThreatFoxField.Unknown"/>.</summary>
    public static ThreatFoxField Lookup(ReadOnlySpan<char> name) => name switch
    {
        "id" or "ioc_id" => ThreatFoxField.Id,
        "ioc" or "ioc_value" => ThreatFoxField.IocValue,
        "ioc_type" => ThreatFoxField.IocType,
        "threat_type" => ThreatFoxField.ThreatType,
        "malware" or "fk_malware" => ThreatFoxField.Malware,
        "malware_printable" => ThreatFoxField.MalwarePrintable,
        "malware_alias" => ThreatFoxField.MalwareAlias,
        "first_seen" or "first_seen_utc" => ThreatFoxField.FirstSeen,
        "last_seen" or "last_seen_utc" => ThreatFoxField.LastSeen,
        "confidence_level" => ThreatFoxField.Confidence,
        "is_compromised" => ThreatFoxField.IsCompromised,
        "reference" => ThreatFoxField.Reference,
        "tags" => ThreatFoxField.Tags,
        "anonymous" => ThreatFoxField.Anonymous,
        "reporter" => ThreatFoxField.Reporter,
        _ => ThreatFoxField.Unknown,
    };
}
