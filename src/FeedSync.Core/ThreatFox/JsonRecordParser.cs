using System.Text;
using System.Text.Json;

namespace FeedSync.ThreatFox;

/// <summary>Parses one ThreatFox record object, in API or export spelling, into a <see cref="ThreatFoxRecordBuilder"/>.</summary>
internal static class JsonRecordParser
{
    /// <summary>
    /// Parses the object whose <see cref="JsonTokenType.StartObject"/> the reader is on; unknown fields are
    /// skipped. Returns false when the reader's data ends inside the object: the caller then refills the
    /// buffer and parses the object again from its start.
    /// </summary>
    public static bool TryParse(ref Utf8JsonReader reader, ThreatFoxRecordBuilder builder)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = LookupField(ref reader);
            builder.NoteField(field);
            if (!reader.Read() || !TryParseValue(ref reader, field, builder))
            {
                return false;
            }
        }
    }

    private static ThreatFoxField LookupField(ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? ThreatFoxFieldNames.Lookup(reader.GetString().AsSpan())
        : ThreatFoxFieldNames.Lookup(reader.ValueSpan);

    private static bool TryParseValue(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                ParseString(ref reader, field, builder);
                return true;
            case JsonTokenType.Number:
                ParseNumber(ref reader, field, builder);
                return true;
            case JsonTokenType.True:
            case JsonTokenType.False:
                builder.SetBoolean(field, reader.TokenType == JsonTokenType.True);
                return true;
            case JsonTokenType.StartArray:
                return TryParseArray(ref reader, field, builder);
            case JsonTokenType.StartObject:
                builder.MarkInvalid(field, "{object}");
                return reader.TrySkip();
            default:
                return true;
        }
    }

    private static void ParseString(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        if (field == ThreatFoxField.Unknown)
        {
            return;
        }

        if (reader.ValueIsEscaped)
        {
            builder.SetText(field, reader.GetString());
            return;
        }

        builder.SetUtf8(field, reader.ValueSpan);
    }

    private static void ParseNumber(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        if (field == ThreatFoxField.Unknown)
        {
            return;
        }

        if (reader.TryGetInt64(out var number))
        {
            builder.SetNumber(field, number, reader.ValueSpan);
            return;
        }

        builder.MarkInvalid(field, Encoding.UTF8.GetString(reader.ValueSpan));
    }

    private static bool TryParseArray(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    return true;
                case JsonTokenType.String:
                    builder.AddListItem(field, reader.GetString());
                    break;
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    builder.MarkInvalid(field, "[array]");
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    break;
                default:
                    builder.MarkInvalid(field, "[array]");
                    break;
            }
        }
    }
}
