using System.Globalization;
using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Collects the fields of one record from any reader and converts the spellings ThreatFox uses for the same
/// value: <c>null</c>, <c>""</c> and <c>"None"</c> as absent, numbers as JSON numbers or strings,
/// <c>True</c>/<c>False</c>/<c>0</c>/<c>1</c> as booleans, lists as arrays or comma-separated strings.
/// One builder is reused for every record of a reader.
/// </summary>
internal sealed class ThreatFoxRecordBuilder
{
    private readonly List<string> tags = [];
    private readonly List<string> aliases = [];

    private long? id;
    private string? iocValue;
    private string? iocType;
    private string? threatType;
    private string? malware;
    private string? malwarePrintable;
    private DateTimeOffset? firstSeen;
    private DateTimeOffset? lastSeen;
    private int? confidence;
    private bool? isCompromised;
    private string? reference;
    private bool? anonymous;
    private string? reporter;
    private string? invalidField;
    private string? invalidFieldValue;

    /// <summary>Clears every field for the next record.</summary>
    public void Reset()
    {
        tags.Clear();
        aliases.Clear();
        id = null;
        iocValue = iocType = threatType = malware = malwarePrintable = reference = reporter = null;
        firstSeen = lastSeen = null;
        confidence = null;
        isCompromised = anonymous = null;
        invalidField = invalidFieldValue = null;
    }

    /// <summary>Sets the id, for shapes that carry it outside the record (the export JSON's keys).</summary>
    public void SetIdText(string text) => SetText(ThreatFoxField.Id, text);

    /// <summary>Sets a field from its text form, as CSV cells and JSON strings carry it.</summary>
    public void SetText(ThreatFoxField field, string? text)
    {
        if (IsAbsent(text))
        {
            return;
        }

        switch (field)
        {
            case ThreatFoxField.Id:
                SetParsed(field, text, long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedId), ref id, parsedId);
                break;
            case ThreatFoxField.IocValue:
                iocValue = text;
                break;
            case ThreatFoxField.IocType:
                iocType = text.Trim();
                break;
            case ThreatFoxField.ThreatType:
                threatType = text.Trim();
                break;
            case ThreatFoxField.Malware:
                malware = text.Trim();
                break;
            case ThreatFoxField.MalwarePrintable:
                malwarePrintable = text.Trim();
                break;
            case ThreatFoxField.MalwareAlias:
                AddList(aliases, text);
                break;
            case ThreatFoxField.FirstSeen:
                SetParsed(field, text, ThreatFoxTimestamp.TryParse(text, out var parsedFirst), ref firstSeen, parsedFirst);
                break;
            case ThreatFoxField.LastSeen:
                SetParsed(field, text, ThreatFoxTimestamp.TryParse(text, out var parsedLast), ref lastSeen, parsedLast);
                break;
            case ThreatFoxField.Confidence:
                SetParsed(field, text, TryParseConfidence(text, out var parsedConfidence), ref confidence, parsedConfidence);
                break;
            case ThreatFoxField.IsCompromised:
                SetParsed(field, text, TryParseBoolean(text, out var parsedCompromised), ref isCompromised, parsedCompromised);
                break;
            case ThreatFoxField.Reference:
                reference = text.Trim();
                break;
            case ThreatFoxField.Tags:
                AddList(tags, text);
                break;
            case ThreatFoxField.Anonymous:
                SetParsed(field, text, TryParseBoolean(text, out var parsedAnonymous), ref anonymous, parsedAnonymous);
                break;
            case ThreatFoxField.Reporter:
                reporter = text.Trim();
                break;
            default:
                break;
        }
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
                SetText(field, Encoding.UTF8.GetString(rawUtf8));
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

    /// <summary>Sets a time field that a reader parsed itself.</summary>
    public void SetTime(ThreatFoxField field, DateTimeOffset value)
    {
        if (field == ThreatFoxField.FirstSeen)
        {
            firstSeen = value;
        }
        else if (field == ThreatFoxField.LastSeen)
        {
            lastSeen = value;
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
            AddList(tags, item);
        }
        else if (field == ThreatFoxField.MalwareAlias)
        {
            AddList(aliases, item);
        }
        else if (field != ThreatFoxField.Unknown)
        {
            MarkInvalid(field, "[array]");
        }
    }

    /// <summary>Marks a field whose JSON value has a type the field cannot take, such as an object.</summary>
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

    /// <summary>Creates the record from the fields set since the last <see cref="Reset"/>.</summary>
    public ThreatFoxRecord Build(long recordNumber, long line) => new()
    {
        Id = id,
        IocValue = iocValue,
        IocType = iocType,
        ThreatType = threatType,
        Malware = malware,
        MalwarePrintable = malwarePrintable,
        MalwareAliases = aliases.Count == 0 ? [] : aliases.ToArray(),
        FirstSeen = firstSeen,
        LastSeen = lastSeen,
        Confidence = confidence,
        IsCompromised = isCompromised,
        Reference = reference,
        Tags = tags.Count == 0 ? [] : tags.ToArray(),
        Anonymous = anonymous,
        Reporter = reporter,
        RecordNumber = recordNumber,
        Line = line,
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

    private void SetParsed<T>(ThreatFoxField field, string rawText, bool parsed, ref T? target, T value)
        where T : struct
    {
        if (parsed)
        {
            target = value;
            return;
        }

        MarkInvalid(field, rawText);
    }

    private static bool TryParseConfidence(string text, out int value) =>
        int.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= 100;

    private static bool TryParseBoolean(string text, out bool value)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.SequenceEqual("1"))
        {
            value = true;
            return true;
        }

        value = false;
        return trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) || trimmed.SequenceEqual("0");
    }

    private static void AddList(List<string> list, string commaSeparated)
    {
        if (!commaSeparated.Contains(',', StringComparison.Ordinal))
        {
            AddItem(list, commaSeparated.Trim());
            return;
        }

        foreach (var part in commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            AddItem(list, part);
        }
    }

    private static void AddItem(List<string> list, string item)
    {
        if (item.Length > 0 && item != "None")
        {
            list.Add(item);
        }
    }
}
