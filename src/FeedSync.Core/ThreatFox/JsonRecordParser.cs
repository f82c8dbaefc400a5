using System.Text;
using System.Text.Json;

namespace FeedSync.ThreatFox;

/// <summary>Parses one ThreatFox record object, in API or export spelling, into a <see cref="ThreatFoxRecordBuilder"/>.</summary>
internal static class JsonRecordParser
{
    /// <summary>
    /// Parses the object whose <see cref="JsonTokenType.StartObject"/> the reader is on. The caller makes sure
    /// the whole object is in the reader's data; unknown fields are skipped.
    /// </summary>
    public static void Parse(ref Utf8JsonReader reader, ThreatFoxRecordBuilder builder)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = LookupField(ref reader);
            reader.Read();
            ParseValue(ref reader, field, builder);
        }
    }

    private static ThreatFoxField LookupField(ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? ThreatFoxFieldNames.Lookup(reader.GetString().AsSpan())
        : ThreatFoxFieldNames.Lookup(reader.ValueSpan);

    private static void ParseValue(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                ParseString(ref reader, field, builder);
                break;
            case JsonTokenType.Number:
                ParseNumber(ref reader, field, builder);
                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                builder.SetBoolean(field, reader.TokenType == JsonTokenType.True);
                break;
            case JsonTokenType.StartArray:
                ParseArray(ref reader, field, builder);
                break;
            case JsonTokenType.StartObject:
                reader.TrySkip();
                builder.MarkInvalid(field, "{object}");
                break;
            default:
                break;
        }
    }

    private static void ParseString(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        if (field == ThreatFoxField.Unknown)
        {
            return;
        }

        if (field is ThreatFoxField.FirstSeen or ThreatFoxField.LastSeen
            && !reader.ValueIsEscaped
            && reader.ValueSpan.Length > 0
            && ThreatFoxTimestamp.TryParse(reader.ValueSpan, out var time))
        {
            builder.SetTime(field, time);
            return;
        }

        builder.SetText(field, reader.GetString());
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

    private static void ParseArray(ref Utf8JsonReader reader, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                builder.AddListItem(field, reader.GetString());
                continue;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.TrySkip();
            }

            if (reader.TokenType != JsonTokenType.Null)
            {
                builder.MarkInvalid(field, "[array]");
            }
        }
    }
}
