using System.Runtime.CompilerServices;

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
    /// <summary>Returns the field that a UTF-8 property name denotes, or <see cref="ThreatFoxField.Unknown"/>.</summary>
    public static ThreatFoxField Lookup(ReadOnlySpan<byte> utf8Name)
    {
        // Dispatching on the length first keeps this to one or two comparisons per name, which matters
        // because it runs for every field of every record.
        return utf8Name.Length switch
        {
            2 => Match(utf8Name, "id"u8, ThreatFoxField.Id),
            3 => Match(utf8Name, "ioc"u8, ThreatFoxField.IocValue),
            4 => Match(utf8Name, "tags"u8, ThreatFoxField.Tags),
            6 => Match(utf8Name, "ioc_id"u8, ThreatFoxField.Id),
            7 => Match(utf8Name, "malware"u8, ThreatFoxField.Malware),
            8 => Match(utf8Name, "ioc_type"u8, ThreatFoxField.IocType, "reporter"u8, ThreatFoxField.Reporter),
            9 => utf8Name[0] switch
            {
                (byte)'i' => Match(utf8Name, "ioc_value"u8, ThreatFoxField.IocValue),
                (byte)'l' => Match(utf8Name, "last_seen"u8, ThreatFoxField.LastSeen),
                _ => Match(utf8Name, "reference"u8, ThreatFoxField.Reference, "anonymous"u8, ThreatFoxField.Anonymous),
            },
            10 => Match(utf8Name, "first_seen"u8, ThreatFoxField.FirstSeen, "fk_malware"u8, ThreatFoxField.Malware),
            11 => Match(utf8Name, "threat_type"u8, ThreatFoxField.ThreatType),
            13 => Match(utf8Name, "last_seen_utc"u8, ThreatFoxField.LastSeen, "malware_alias"u8, ThreatFoxField.MalwareAlias),
            14 => Match(utf8Name, "first_seen_utc"u8, ThreatFoxField.FirstSeen, "is_compromised"u8, ThreatFoxField.IsCompromised),
            16 => Match(utf8Name, "confidence_level"u8, ThreatFoxField.Confidence),
            17 => Match(utf8Name, "malware_printable"u8, ThreatFoxField.MalwarePrintable),
            _ => ThreatFoxField.Unknown,
        };
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

    // Inlined, so that each comparison with a constant name compiles to a few word comparisons.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ThreatFoxField Match(ReadOnlySpan<byte> name, ReadOnlySpan<byte> candidate, ThreatFoxField field) =>
        name.SequenceEqual(candidate) ? field : ThreatFoxField.Unknown;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ThreatFoxField Match(ReadOnlySpan<byte> name, ReadOnlySpan<byte> first, ThreatFoxField firstField, ReadOnlySpan<byte> second, ThreatFoxField secondField) =>
        name.SequenceEqual(first) ? firstField : Match(name, second, secondField);
}
