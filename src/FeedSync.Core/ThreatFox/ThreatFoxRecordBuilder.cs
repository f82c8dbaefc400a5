using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Collects the fields of one record from any reader and converts the spellings ThreatFox uses for the same
/// value: <c>null</c>, <c>""</c> and <c>"None"</c> as absent, numbers as JSON numbers or strings,
/// <c>True</c>/<c>False</c>/<c>0</c>/<c>1</c> as booleans, lists as arrays or comma-separated strings.
/// One builder is reused for every record of a reader; it pools the strings of low-cardinality fields.
/// After <see cref="Complete"/> its properties contain the record, so the ingest pipeline normalises it
/// without allocating a <see cref="ThreatFoxRecord"/>.
/// </summary>
internal sealed class ThreatFoxRecordBuilder
{
    // Large enough for the distinct tag lists of a full export to stay cached: a few megabytes at most.
    private const int MaxCachedLists = 16384;

    private readonly Utf8StringPool pool = new();
    // Keyed by instance: the pool returns one instance per distinct text, so a lookup hashes no characters.
    private readonly Dictionary<string, string[]> splitLists = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> tagItems = [];
    private readonly List<string> aliasItems = [];

    private long? id;
    private string? iocValue;
    private string? iocType;
    private string? threatType;
    private string? malware;
    private string? malwarePrintable;
    private string[]? aliases;
    private DateTimeOffset? firstSeen;
    private DateTimeOffset? lastSeen;
    private int? confidence;
    private bool? isCompromised;
    private string? reference;
    private string[]? tags;
    private bool? anonymous;
    private string? reporter;
    private string? invalidField;
    private string? invalidFieldValue;
    private uint namedFields;

    /// <summary>The ThreatFox IOC id.</summary>
    public long? Id => id;

    /// <summary>The IOC as published, possibly defanged.</summary>
    public string? IocValue => iocValue;

    /// <summary>The ThreatFox IOC type.</summary>
    public string? IocType => iocType;

    /// <summary>The ThreatFox threat type.</summary>
    public string? ThreatType => threatType;

    /// <summary>The malware id.</summary>
    public string? Malware => malware;

    /// <summary>The printable malware name.</summary>
    public string? MalwarePrintable => malwarePrintable;

    /// <summary>The malware aliases; set by <see cref="Complete"/>.</summary>
    public IReadOnlyList<string> MalwareAliases { get; private set; } = [];

    /// <summary>The first-seen time in UTC.</summary>
    public DateTimeOffset? FirstSeen => firstSeen;

    /// <summary>The last-seen time in UTC.</summary>
    public DateTimeOffset? LastSeen => lastSeen;

    /// <summary>The confidence level, 0 to 100.</summary>
    public int? Confidence => confidence;

    /// <summary>The reference URL.</summary>
    public string? Reference => reference;

    /// <summary>The tags; set by <see cref="Complete"/>.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>The reporter's ThreatFox user name.</summary>
    public string? Reporter => reporter;

    /// <summary>The 1-based number of the record in its source; set by <see cref="Complete"/>.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>The 1-based line of the source where the record starts; set by <see cref="Complete"/>.</summary>
    public long Line { get; private set; }

    /// <summary>The first field whose value had the wrong form, or null.</summary>
    public string? InvalidField => invalidField;

    /// <summary>The raw value of <see cref="InvalidField"/>.</summary>
    public string? InvalidFieldValue => invalidFieldValue;

    /// <summary>
    /// The pseudo-field of <see cref="InvalidField"/> for a record that names a field twice, such as two
    /// <c>ioc</c> members or <c>ioc</c> and <c>ioc_value</c>. <see cref="InvalidFieldValue"/> is the field's name.
    /// </summary>
    public const string RepeatedField = "repeated_field";

    /// <summary>Clears every field for the next record.</summary>
    public void Reset()
    {
        namedFields = 0;
        tagItems.Clear();
        aliasItems.Clear();
        id = null;
        iocValue = iocType = threatType = malware = malwarePrintable = reference = reporter = null;
        aliases = tags = null;
        firstSeen = lastSeen = null;
        confidence = null;
        isCompromised = anonymous = null;
        invalidField = invalidFieldValue = null;
    }

    /// <summary>
    /// Sets the id from the export JSON's key, which carries it outside the record; <paramref name="invalidKey"/>
    /// is a key that is not a number.
    /// </summary>
    public void SetExportId(long? exportId, string? invalidKey)
    {
        id = exportId;
        if (invalidKey is not null)
        {
            MarkInvalid(ThreatFoxField.Id, invalidKey);
        }
    }

    /// <summary>Sets a field from its UTF-8 text, without escapes, as CSV cells and JSON strings carry it.</summary>
    public void SetUtf8(ThreatFoxField field, ReadOnlySpan<byte> utf8)
    {
        var trimmed = utf8.Length > 0 && utf8[0] > (byte)' ' && utf8[^1] > (byte)' ' ? utf8 : utf8.Trim(" \t"u8);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("None"u8) || field == ThreatFoxField.Unknown)
        {
            return;
        }

        switch (field)
        {
            case ThreatFoxField.Id:
                SetParsed(field, trimmed, Utf8Parser.TryParse(trimmed, out long parsedId, out var idLength) && idLength == trimmed.Length && parsedId >= 0, ref id, parsedId);
                break;
            case ThreatFoxField.IocValue:
                iocValue = Encoding.UTF8.GetString(utf8);
                break;
            case ThreatFoxField.FirstSeen:
                SetParsed(field, trimmed, ThreatFoxTimestamp.TryParse(trimmed, out var parsedFirst), ref firstSeen, parsedFirst);
                break;
            case ThreatFoxField.LastSeen:
                SetParsed(field, trimmed, ThreatFoxTimestamp.TryParse(trimmed, out var parsedLast), ref lastSeen, parsedLast);
                break;
            case ThreatFoxField.Confidence:
                SetParsed(field, trimmed, Utf8Parser.TryParse(trimmed, out int parsedConfidence, out var confidenceLength) && confidenceLength == trimmed.Length && parsedConfidence is >= 0 and <= 100, ref confidence, parsedConfidence);
                break;
            case ThreatFoxField.IsCompromised:
                SetParsed(field, trimmed, TryParseBoolean(trimmed, out var parsedCompromised), ref isCompromised, parsedCompromised);
                break;
            case ThreatFoxField.Anonymous:
                SetParsed(field, trimmed, TryParseBoolean(trimmed, out var parsedAnonymous), ref anonymous, parsedAnonymous);
                break;
            case ThreatFoxField.Reference:
                reference = Encoding.UTF8.GetString(trimmed);
                break;
            default:
                SetPooled(field, pool.GetString(trimmed));
                break;
        }
    }

    /// <summary>Sets a field from its text form, for values a reader had to unescape.</summary>
    public void SetText(ThreatFoxField field, string? text)
    {
        if (IsAbsent(text) || field == ThreatFoxField.Unknown)
        {
            return;
        }

        if (field == ThreatFoxField.IocValue)
        {
            iocValue = text;
            return;
        }

        SetUtf8(field, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Sets a field from a JSON number; <paramref name="rawUtf8"/> is its text, kept for errors.</summary>
    public void SetNumber(ThreatFoxField field, long number, ReadOnlySpan<byte> rawUtf8)
    {
        var valid = field switch
        {
            ThreatFoxField.Id => number >= 0,
            ThreatFoxField.Confidence => number is >= 0 and <= 100,
            ThreatFoxField.IsCompromised or ThreatFoxField.Anonymous => number is 0 or 1,
            _ => true,
        };
        if (!valid)
        {
            MarkInvalid(field, Encoding.UTF8.GetString(rawUtf8));
            return;
        }

        switch (field)
        {
            case ThreatFoxField.Id:
                id = number;
                break;
            case ThreatFoxField.Confidence:
                confidence = (int)number;
                break;
            case ThreatFoxField.IsCompromised:
                isCompromised = number == 1;
                break;
            case ThreatFoxField.Anonymous:
                anonymous = number == 1;
                break;
            case ThreatFoxField.Unknown:
                break;
            default:
                SetUtf8(field, rawUtf8);
                break;
        }
    }

    /// <summary>Sets a field from a JSON boolean.</summary>
    public void SetBoolean(ThreatFoxField field, bool value)
    {
        switch (field)
        {
            case ThreatFoxField.IsCompromised:
                isCompromised = value;
                break;
            case ThreatFoxField.Anonymous:
                anonymous = value;
                break;
            case ThreatFoxField.Unknown:
                break;
            default:
                MarkInvalid(field, value ? "true" : "false");
                break;
        }
    }

    /// <summary>Adds one element of a JSON array to a list field (tags or aliases).</summary>
    public void AddListItem(ThreatFoxField field, string? item)
    {
        if (IsAbsent(item))
        {
            return;
        }

        if (field == ThreatFoxField.Tags)
        {
            tagItems.AddRange(SplitList(item.Trim()));
        }
        else if (field == ThreatFoxField.MalwareAlias)
        {
            aliasItems.AddRange(SplitList(item.Trim()));
        }
        else if (field != ThreatFoxField.Unknown)
        {
            MarkInvalid(field, "[array]");
        }
    }

    /// <summary>
    /// Notes that the record names <paramref name="field"/>, before its value is set. A second mention marks the
    /// record with <see cref="RepeatedField"/>, because which of the values ThreatFox meant is unknown.
    /// </summary>
    public void NoteField(ThreatFoxField field)
    {
        if (field == ThreatFoxField.Unknown)
        {
            return;
        }

        var bit = 1u << (int)field;
        if ((namedFields & bit) != 0)
        {
            MarkInvalidRow(RepeatedField, FieldName(field));
        }

        namedFields |= bit;
    }

    /// <summary>Marks a field whose value has the wrong form or a JSON type the field cannot take.</summary>
    public void MarkInvalid(ThreatFoxField field, string rawValue)
    {
        if (invalidField is null && field != ThreatFoxField.Unknown)
        {
            invalidField = FieldName(field);
            invalidFieldValue = rawValue;
        }
    }

    /// <summary>Marks the whole record as malformed under a pseudo-field name, such as a CSV row of the wrong width.</summary>
    public void MarkInvalidRow(string pseudoField, string rawValue)
    {
        invalidField ??= pseudoField;
        invalidFieldValue ??= rawValue;
    }

    /// <summary>Ends the record set since the last <see cref="Reset"/>: joins its lists and sets its position.</summary>
    public void Complete(long recordNumber, long line)
    {
        MalwareAliases = Combine(aliases, aliasItems);
        Tags = Combine(tags, tagItems);
        RecordNumber = recordNumber;
        Line = line;
    }

    /// <summary>Sets every field from a record read elsewhere, such as from the live API, and completes it.</summary>
    public void Load(ThreatFoxRecord record)
    {
        Reset();
        id = record.Id;
        iocValue = record.IocValue;
        iocType = record.IocType;
        threatType = record.ThreatType;
        malware = record.Malware;
        malwarePrintable = record.MalwarePrintable;
        firstSeen = record.FirstSeen;
        lastSeen = record.LastSeen;
        confidence = record.Confidence;
        isCompromised = record.IsCompromised;
        reference = record.Reference;
        anonymous = record.Anonymous;
        reporter = record.Reporter;
        invalidField = record.InvalidField;
        invalidFieldValue = record.InvalidFieldValue;
        MalwareAliases = record.MalwareAliases;
        Tags = record.Tags;
        RecordNumber = record.RecordNumber;
        Line = record.Line;
    }

    /// <summary>Creates the record completed by <see cref="Complete"/>.</summary>
    public ThreatFoxRecord Build() => new()
    {
        Id = id,
        IocValue = iocValue,
        IocType = iocType,
        ThreatType = threatType,
        Malware = malware,
        MalwarePrintable = malwarePrintable,
        MalwareAliases = MalwareAliases,
        FirstSeen = firstSeen,
        LastSeen = lastSeen,
        Confidence = confidence,
        IsCompromised = isCompromised,
        Reference = reference,
        Tags = Tags,
        Anonymous = anonymous,
        Reporter = reporter,
        RecordNumber = RecordNumber,
        Line = Line,
        InvalidField = invalidField,
        InvalidFieldValue = invalidFieldValue,
    };

    /// <summary>Returns true for the spellings of an absent value: null, empty, blank and <c>None</c>.</summary>
    public static bool IsAbsent([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? text) =>
        string.IsNullOrWhiteSpace(text) || text == "None";

    /// <summary>Returns the snake_case name reports use for a field.</summary>
    public static string FieldName(ThreatFoxField field) => field switch
    {
        ThreatFoxField.Id => "id",
        ThreatFoxField.IocValue => "ioc",
        ThreatFoxField.IocType => "ioc_type",
        ThreatFoxField.ThreatType => "threat_type",
        ThreatFoxField.Malware => "malware",
        ThreatFoxField.MalwarePrintable => "malware_printable",
        ThreatFoxField.MalwareAlias => "malware_alias",
        ThreatFoxField.FirstSeen => "first_seen",
        ThreatFoxField.LastSeen => "last_seen",
        ThreatFoxField.Confidence => "confidence_level",
        ThreatFoxField.IsCompromised => "is_compromised",
        ThreatFoxField.Reference => "reference",
        ThreatFoxField.Tags => "tags",
        ThreatFoxField.Anonymous => "anonymous",
        ThreatFoxField.Reporter => "reporter",
        _ => "unknown",
    };

    private void SetPooled(ThreatFoxField field, string value)
    {
        switch (field)
        {
            case ThreatFoxField.IocType:
                iocType = value;
                break;
            case ThreatFoxField.ThreatType:
                threatType = value;
                break;
            case ThreatFoxField.Malware:
                malware = value;
                break;
            case ThreatFoxField.MalwarePrintable:
                malwarePrintable = value;
                break;
            case ThreatFoxField.MalwareAlias:
                aliases = SplitList(value);
                break;
            case ThreatFoxField.Tags:
                tags = SplitList(value);
                break;
            case ThreatFoxField.Reporter:
                reporter = value;
                break;
            default:
                break;
        }
    }

    private void SetParsed<T>(ThreatFoxField field, ReadOnlySpan<byte> raw, bool parsed, ref T? target, T value)
        where T : struct
    {
        if (parsed)
        {
            target = value;
            return;
        }

        MarkInvalid(field, Encoding.UTF8.GetString(raw));
    }

    /// <summary>
    /// Splits a comma-separated list into trimmed, non-empty items. Results are cached by the list's string,
    /// so records with the same tags share one array; callers never modify it.
    /// </summary>
    private string[] SplitList(string commaSeparated)
    {
        if (splitLists.TryGetValue(commaSeparated, out var cached))
        {
            return cached;
        }

        var items = commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(item => item != "None")
            .ToArray();
        if (splitLists.Count >= MaxCachedLists)
        {
            splitLists.Clear();
        }

        splitLists[commaSeparated] = items;
        return items;
    }

    private static string[] Combine(string[]? fromText, List<string> fromArray)
    {
        if (fromArray.Count == 0)
        {
            return fromText ?? [];
        }

        return fromText is null ? [.. fromArray] : [.. fromText, .. fromArray];
    }

    private static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        value = text.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(text, "true"u8);
        return value || text.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(text, "false"u8);
    }
}
