using FeedSync.ThreatFox;

namespace FeedSync.Normalisation;

/// <summary>
/// Validates and normalises records one at a time: refangs the IOC, parses it by its type, builds the
/// malware family, and applies the last-seen rule. It counts unknown IOC types, unknown threat types and
/// the corrections it made; one instance serves one run.
/// </summary>
/// <remarks>
/// Last-seen rule: when a record's <c>last_seen</c> is earlier than its <c>first_seen</c>, the two are
/// swapped, so that first seen is the earliest and last seen the latest time the record names. ThreatFox
/// publishes such records when a sighting predates the submission. The swap is counted as
/// <see cref="LastSeenBeforeFirstSeen"/>.
/// </remarks>
internal sealed class RecordNormaliser
{
    /// <summary>The correction counted when a defanged IOC was refanged.</summary>
    public const string Refanged = "refanged";

    /// <summary>The correction counted when last seen was earlier than first seen and the two were swapped.</summary>
    public const string LastSeenBeforeFirstSeen = "last_seen_before_first_seen";

    private static readonly MalwareFamily[] UnknownFamilyList = [MalwareFamily.Unknown];

    private readonly Dictionary<(string Id, string? Name, IReadOnlyList<string> Aliases), MalwareFamily[]> families = new(FamilyKeyComparer.Instance);

    // Readers return one string instance per distinct type and family name, so consecutive records usually
    // repeat the previous lookup by reference; these remember it.
    private (string? IocType, IndicatorKind Kind) lastKind;
    private string? lastKnownThreatType;
    private string? lastPrintableMalware;
    private (string? Malware, string? Name, IReadOnlyList<string>? Aliases, MalwareFamily[]? Family) lastFamily;

    /// <summary>Corrections made to accepted or rejected records, by name.</summary>
    public Dictionary<string, long> Corrections { get; } = new(StringComparer.Ordinal);

    /// <summary>Records with an IOC type FeedSync does not know, by that type.</summary>
    public Dictionary<string, long> UnknownIocTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Records with a threat type FeedSync does not know, by that type; they are still accepted.</summary>
    public Dictionary<string, long> UnknownThreatTypes { get; } = new(StringComparer.Ordinal);

    private ThreatFoxRecordBuilder? loaded;

    /// <summary>Normalises <paramref name="record"/>; when it cannot, returns null and sets <paramref name="reject"/> to the reason.</summary>
    public NormalisedRecord? Normalise(ThreatFoxRecord record, out IngestReject? reject)
    {
        loaded ??= new ThreatFoxRecordBuilder();
        loaded.Load(record);
        return Normalise(loaded, out reject);
    }

    /// <summary>Normalises the record a reader completed in <paramref name="record"/>; when it cannot, returns null and sets <paramref name="reject"/> to the reason.</summary>
    public NormalisedRecord? Normalise(ThreatFoxRecordBuilder record, out IngestReject? reject)
    {
        reject = CheckFields(record);
        if (reject is not null)
        {
            return null;
        }

        if (!IsPrintableMalwareId(record.Malware))
        {
            reject = Reject(record, RejectReasons.InvalidField, $"the field malware has the invalid value '{InvisibleCharacters.Escape(record.Malware!)}' with a control or format character; ThreatFox malware ids are printable, such as win.remcos");
            return null;
        }

        if (!TryGetKind(record.IocType!, out var kind))
        {
            Count(UnknownIocTypes, record.IocType!);
            reject = Reject(record, RejectReasons.UnknownIocType, $"the IOC type '{record.IocType}' is unknown; known types are {IocTypes.KnownIocTypeList}");
            return null;
        }

        var value = Refanger.Refang(record.IocValue!);
        if (!ReferenceEquals(value, record.IocValue))
        {
            Count(Corrections, Refanged);
        }

        if (!TryParseValue(value, kind, out var canonical, out var port, out var reason, out var detail))
        {
            reject = Reject(record, reason, detail);
            return null;
        }

        if (kind == IndicatorKind.Ip && ReservedAddresses.Describe(canonical) is { } reserved)
        {
            reject = Reject(record, RejectReasons.ReservedIp, $"'{canonical}' is {reserved}, which never identifies a remote host, so a watchlist row for it would match local traffic");
            return null;
        }

        if (!IsKnownThreatType(record.ThreatType!))
        {
            if (InvisibleCharacters.IndexIn(record.ThreatType) >= 0)
            {
                reject = Reject(record, RejectReasons.InvalidField, $"the field threat_type has the invalid value '{InvisibleCharacters.Escape(record.ThreatType!)}' with a control or format character");
                return null;
            }

            Count(UnknownThreatTypes, record.ThreatType!);
        }

        var (firstSeen, lastSeen) = ApplyLastSeenRule(record.FirstSeen!.Value, record.LastSeen);
        var familyList = FamilyListOf(record);
        return new NormalisedRecord
        {
            Kind = kind,
            Value = canonical,
            Port = port,
            OriginalValue = record.IocValue!,
            ThreatFoxId = record.Id,
            Family = familyList[0],
            Families = familyList,
            ThreatType = record.ThreatType!,
            Confidence = record.Confidence!.Value,
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Tags = record.Tags,
            Reference = record.Reference,
            Reporter = record.Reporter,
        };
    }

    /// <summary>Creates a reject for <paramref name="record"/>.</summary>
    public static IngestReject Reject(ThreatFoxRecordBuilder record, string reason, string detail) => new()
    {
        Reason = reason,
        RawValue = record.IocValue,
        RawType = record.IocType,
        ThreatFoxId = record.Id,
        RecordNumber = record.RecordNumber,
        Line = record.Line,
        Detail = detail,
    };

    private static IngestReject? CheckFields(ThreatFoxRecordBuilder record)
    {
        if (record.InvalidField == CsvFeedReader.RowField)
        {
            return Reject(record, RejectReasons.MalformedRow, $"the CSV row has {record.InvalidFieldValue}");
        }

        if (record.InvalidField == ThreatFoxRecordBuilder.RepeatedField)
        {
            return Reject(record, RejectReasons.InvalidField, $"the field {record.InvalidFieldValue} appears more than once in the record, so which value ThreatFox meant is unknown");
        }

        if (record.InvalidField is not null)
        {
            return Reject(record, RejectReasons.InvalidField, $"the field {record.InvalidField} has the invalid value '{record.InvalidFieldValue}'");
        }

        var missing = record switch
        {
            { IocValue: null } => "ioc",
            { IocType: null } => "ioc_type",
            { ThreatType: null } => "threat_type",
            { Confidence: null } => "confidence_level",
            { FirstSeen: null } => "first_seen",
            _ => null,
        };
        return missing is null ? null : Reject(record, RejectReasons.MissingField, $"the required field {missing} is absent");
    }

    private static bool TryParseValue(string value, IndicatorKind kind, out string canonical, out int? port, out string reason, out string detail)
    {
        port = null;
        reason = string.Empty;
        switch (kind)
        {
            case IndicatorKind.Ip:
                return IpEndpointParser.TryParse(value, out canonical, out port, out reason, out detail);
            case IndicatorKind.Domain:
                reason = RejectReasons.InvalidDomain;
                return HostNameNormaliser.TryNormalise(value, out canonical, out detail);
            case IndicatorKind.Url:
                reason = RejectReasons.InvalidUrl;
                return UrlNormaliser.TryNormalise(value, out canonical, out detail);
            default:
                reason = RejectReasons.InvalidHash;
                return HashNormaliser.TryNormalise(value, kind, out canonical, out detail);
        }
    }

    private (DateTimeOffset FirstSeen, DateTimeOffset? LastSeen) ApplyLastSeenRule(DateTimeOffset firstSeen, DateTimeOffset? lastSeen)
    {
        if (lastSeen is { } last && last < firstSeen)
        {
            Count(Corrections, LastSeenBeforeFirstSeen);
            return (last, firstSeen);
        }

        return (firstSeen, lastSeen);
    }

    /// <summary>Returns a one-element array of the record's family, one instance per distinct family.</summary>
    private MalwareFamily[] FamilyListOf(ThreatFoxRecordBuilder record)
    {
        if (record.Malware is null || record.Malware.Equals(MalwareFamily.Unknown.Id, StringComparison.OrdinalIgnoreCase))
        {
            return UnknownFamilyList;
        }

        if (ReferenceEquals(record.Malware, lastFamily.Malware)
            && ReferenceEquals(record.MalwarePrintable, lastFamily.Name)
            && ReferenceEquals(record.MalwareAliases, lastFamily.Aliases))
        {
            return lastFamily.Family!;
        }

        var key = (record.Malware, record.MalwarePrintable, record.MalwareAliases);
        if (!families.TryGetValue(key, out var family))
        {
            family = [new MalwareFamily(record.Malware, record.MalwarePrintable ?? record.Malware, record.MalwareAliases)];
            families.Add(key, family);
        }

        lastFamily = (record.Malware, record.MalwarePrintable, record.MalwareAliases, family);
        return family;
    }

    /// <summary>
    /// Returns false for a malware id with a control character (C0, DEL, C1) or an invisible format character
    /// (Unicode category Cf, such as a right-to-left override), which could disguise the id in reports.
    /// </summary>
    private bool IsPrintableMalwareId(string? malware)
    {
        if (malware is null || ReferenceEquals(malware, lastPrintableMalware))
        {
            return true;
        }

        if (InvisibleCharacters.IndexIn(malware) >= 0)
        {
            return false;
        }

        lastPrintableMalware = malware;
        return true;
    }

    private bool TryGetKind(string iocType, out IndicatorKind kind)
    {
        if (ReferenceEquals(iocType, lastKind.IocType))
        {
            kind = lastKind.Kind;
            return true;
        }

        if (!IocTypes.TryGetKind(iocType, out kind))
        {
            return false;
        }

        lastKind = (iocType, kind);
        return true;
    }

    private bool IsKnownThreatType(string threatType)
    {
        if (ReferenceEquals(threatType, lastKnownThreatType))
        {
            return true;
        }

        if (!IocTypes.KnownThreatTypes.Contains(threatType))
        {
            return false;
        }

        lastKnownThreatType = threatType;
        return true;
    }

    private static void Count(Dictionary<string, long> counts, string key)
    {
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Compares family keys by id, name and the alias sequence.</summary>
    private sealed class FamilyKeyComparer : IEqualityComparer<(string Id, string? Name, IReadOnlyList<string> Aliases)>
    {
        public static readonly FamilyKeyComparer Instance = new();

        public bool Equals((string Id, string? Name, IReadOnlyList<string> Aliases) x, (string Id, string? Name, IReadOnlyList<string> Aliases) y) =>
            string.Equals(x.Id, y.Id, StringComparison.Ordinal)
            && string.Equals(x.Name, y.Name, StringComparison.Ordinal)
            && (ReferenceEquals(x.Aliases, y.Aliases) || x.Aliases.SequenceEqual(y.Aliases, StringComparer.Ordinal));

        public int GetHashCode((string Id, string? Name, IReadOnlyList<string> Aliases) obj) =>
            HashCode.Combine(obj.Id, obj.Name, obj.Aliases.Count);
    }
}
