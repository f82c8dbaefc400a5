using System.Buffers;
using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Reads the next record of a records array straight from the bytes, for the plain JSON that ThreatFox
/// writes: property names and strings without escapes, integers, <c>true</c>, <c>false</c>, <c>null</c> and
/// arrays of strings. It accepts only valid JSON and declines everything else (an escape, a fraction, a nested
/// object, the end of the buffered data), leaving the record to <see cref="JsonRecordParser"/> and
/// <see cref="System.Text.Json.Utf8JsonReader"/>, which read it the same way or report the error.
/// </summary>
/// <remarks>
/// Records of one source name their fields in the same order, so the scanner remembers the names of the
/// last record and compares each name with the one at the same place before it searches for the closing quote.
/// </remarks>
internal sealed class PlainJsonRecordScanner
{
    // The bytes that end a plain string: its closing quote, or a byte that makes it not plain (an escape)
    // or not valid JSON (a control character).
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    // The maximum number of digits read as an integer here. Longer numbers are left to the general reader.
    private const int MaxIntegerDigits = 18;

    // The maximum number of field names remembered. ThreatFox records have about fifteen fields.
    private const int MaxRememberedNames = 32;

    private readonly List<(byte[] Name, ThreatFoxField Field)> namesInOrder = [];

    /// <summary>
    /// Reads what follows a record of an export array: <c>] , "id" : [ {record}</c>, the next IOC id and its
    /// first record. Returns false, having read nothing it reports, when the bytes take any other form.
    /// </summary>
    public bool TryReadNextExportRecord(ReadOnlySpan<byte> pending, ThreatFoxRecordBuilder builder, out int recordStart, out int end)
    {
        recordStart = end = 0;
        var position = 0;
        if (!Expect(pending, ref position, (byte)']') || !Expect(pending, ref position, (byte)',') || !TryReadExportId(pending, ref position, out var id)
            || !Expect(pending, ref position, (byte)':') || !Expect(pending, ref position, (byte)'[') || !Expect(pending, ref position, (byte)'{'))
        {
            return false;
        }

        recordStart = position - 1;
        builder.Reset();
        builder.SetExportId(id, null);
        return TryReadMembers(pending, ref position, builder, out end);
    }

    /// <summary>Reads what follows a record of an API response's data array: <c>, {record}</c>.</summary>
    public bool TryReadNextArrayRecord(ReadOnlySpan<byte> pending, ThreatFoxRecordBuilder builder, out int recordStart, out int end)
    {
        recordStart = end = 0;
        var position = 0;
        if (!Expect(pending, ref position, (byte)',') || !Expect(pending, ref position, (byte)'{'))
        {
            return false;
        }

        recordStart = position - 1;
        builder.Reset();
        return TryReadMembers(pending, ref position, builder, out end);
    }

    /// <summary>Reads what follows an NDJSON record: a line break, then the next record.</summary>
    public bool TryReadNextLineRecord(ReadOnlySpan<byte> pending, ThreatFoxRecordBuilder builder, out int recordStart, out int end)
    {
        recordStart = end = 0;
        var position = SkipWhitespace(pending, 0);
        if (position == 0 || !Expect(pending, ref position, (byte)'{'))
        {
            return false;
        }

        recordStart = position - 1;
        builder.Reset();
        return TryReadMembers(pending, ref position, builder, out end);
    }

    private bool TryReadMembers(ReadOnlySpan<byte> pending, ref int position, ThreatFoxRecordBuilder builder, out int end)
    {
        end = 0;
        for (var member = 0; ; member++)
        {
            if (!TryReadName(pending, ref position, member, out var field) || !Expect(pending, ref position, (byte)':'))
            {
                return false;
            }

            builder.NoteField(field);
            if (!TryReadValue(pending, ref position, field, builder))
            {
                return false;
            }

            position = SkipWhitespace(pending, position);
            if (position >= pending.Length)
            {
                return false;
            }

            if (pending[position] == (byte)'}')
            {
                end = position + 1;
                return true;
            }

            if (pending[position] != (byte)',')
            {
                return false;
            }

            position++;
        }
    }

    private bool TryReadName(ReadOnlySpan<byte> pending, ref int position, int member, out ThreatFoxField field)
    {
        field = ThreatFoxField.Unknown;
        position = SkipWhitespace(pending, position);
        if (member < namesInOrder.Count && IsNameAt(pending, position, namesInOrder[member].Name))
        {
            field = namesInOrder[member].Field;
            position += namesInOrder[member].Name.Length + 2;
            return true;
        }

        if (!TryReadString(pending, ref position, out var name))
        {
            return false;
        }

        field = ThreatFoxFieldNames.Lookup(name);
        RememberName(member, name, field);
        return true;
    }

    /// <summary>Returns true when the quoted <paramref name="name"/> is at <paramref name="position"/>.</summary>
    private static bool IsNameAt(ReadOnlySpan<byte> pending, int position, byte[] name)
    {
        var closingQuote = position + name.Length + 1;
        return closingQuote < pending.Length
            && pending[position] == (byte)'"'
            && pending[closingQuote] == (byte)'"'
            && pending.Slice(position + 1, name.Length).SequenceEqual(name);
    }

    private void RememberName(int member, ReadOnlySpan<byte> name, ThreatFoxField field)
    {
        if (member < namesInOrder.Count)
        {
            namesInOrder[member] = (name.ToArray(), field);
        }
        else if (member == namesInOrder.Count && member < MaxRememberedNames)
        {
            namesInOrder.Add((name.ToArray(), field));
        }
    }

    private static bool TryReadValue(ReadOnlySpan<byte> pending, ref int position, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        position = SkipWhitespace(pending, position);
        if (position >= pending.Length)
        {
            return false;
        }

        switch (pending[position])
        {
            case (byte)'"':
                return TryReadStringValue(pending, ref position, field, builder);
            case (byte)'t':
                return TryReadBoolean(pending, ref position, "true"u8, field, builder);
            case (byte)'f':
                return TryReadBoolean(pending, ref position, "false"u8, field, builder);
            case (byte)'n':
                return TryReadLiteral(pending, ref position, "null"u8);
            case (byte)'[':
                return TryReadStringArray(pending, ref position, field, builder);
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                return TryReadInteger(pending, ref position, field, builder);
            default:
                return false;
        }
    }

    private static bool TryReadStringValue(ReadOnlySpan<byte> pending, ref int position, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        if (!TryReadString(pending, ref position, out var value))
        {
            return false;
        }

        if (field != ThreatFoxField.Unknown)
        {
            builder.SetUtf8(field, value);
        }

        return true;
    }

    private static bool TryReadBoolean(ReadOnlySpan<byte> pending, ref int position, ReadOnlySpan<byte> literal, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        if (!TryReadLiteral(pending, ref position, literal))
        {
            return false;
        }

        builder.SetBoolean(field, literal.Length == 4);
        return true;
    }

    private static bool TryReadLiteral(ReadOnlySpan<byte> pending, ref int position, ReadOnlySpan<byte> literal)
    {
        if (!pending[position..].StartsWith(literal) || !IsDelimiterAt(pending, position + literal.Length))
        {
            return false;
        }

        position += literal.Length;
        return true;
    }

    /// <summary>Reads an array whose elements are plain strings or null, as the API writes tags.</summary>
    private static bool TryReadStringArray(ReadOnlySpan<byte> pending, ref int position, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        position++;
        position = SkipWhitespace(pending, position);
        if (position < pending.Length && pending[position] == (byte)']')
        {
            position++;
            return true;
        }

        while (true)
        {
            position = SkipWhitespace(pending, position);
            if (position >= pending.Length)
            {
                return false;
            }

            if (pending[position] == (byte)'n')
            {
                if (!TryReadLiteral(pending, ref position, "null"u8))
                {
                    return false;
                }
            }
            else if (!TryReadString(pending, ref position, out var item))
            {
                return false;
            }
            else if (field != ThreatFoxField.Unknown)
            {
                builder.AddListItem(field, Encoding.UTF8.GetString(item));
            }

            position = SkipWhitespace(pending, position);
            if (position >= pending.Length)
            {
                return false;
            }

            var next = pending[position++];
            if (next == (byte)']')
            {
                return true;
            }

            if (next != (byte)',')
            {
                return false;
            }
        }
    }

    /// <summary>Reads an integer without fraction or exponent, as JSON writes it: no plus sign, no leading zero.</summary>
    private static bool TryReadInteger(ReadOnlySpan<byte> pending, ref int position, ThreatFoxField field, ThreatFoxRecordBuilder builder)
    {
        var start = position;
        var negative = pending[position] == (byte)'-';
        var digitsStart = negative ? position + 1 : position;
        var digitsEnd = digitsStart;
        long value = 0;
        while (digitsEnd < pending.Length && pending[digitsEnd] is >= (byte)'0' and <= (byte)'9' && digitsEnd - digitsStart < MaxIntegerDigits)
        {
            value = (value * 10) + (pending[digitsEnd] - (byte)'0');
            digitsEnd++;
        }

        var digits = digitsEnd - digitsStart;
        if (digits == 0 || (digits > 1 && pending[digitsStart] == (byte)'0') || !IsDelimiterAt(pending, digitsEnd))
        {
            return false;
        }

        position = digitsEnd;
        if (field != ThreatFoxField.Unknown)
        {
            builder.SetNumber(field, negative ? -value : value, pending[start..digitsEnd]);
        }

        return true;
    }

    /// <summary>Reads the export's IOC id key: a quoted run of digits.</summary>
    private static bool TryReadExportId(ReadOnlySpan<byte> pending, ref int position, out long id)
    {
        id = 0;
        position = SkipWhitespace(pending, position);
        if (!TryReadString(pending, ref position, out var key) || key.IsEmpty || key.Length > MaxIntegerDigits)
        {
            return false;
        }

        foreach (var digit in key)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            id = (id * 10) + (digit - (byte)'0');
        }

        return true;
    }

    /// <summary>Reads a string without escapes or control characters, at <paramref name="position"/> after whitespace.</summary>
    private static bool TryReadString(ReadOnlySpan<byte> pending, ref int position, out ReadOnlySpan<byte> value)
    {
        value = default;
        position = SkipWhitespace(pending, position);
        if (position >= pending.Length || pending[position] != (byte)'"')
        {
            return false;
        }

        var start = position + 1;
        var length = pending[start..].IndexOfAny(StringStops);
        if (length < 0 || pending[start + length] != (byte)'"')
        {
            return false;
        }

        value = pending.Slice(start, length);
        position = start + length + 1;
        return true;
    }

    private static bool Expect(ReadOnlySpan<byte> pending, ref int position, byte expected)
    {
        position = SkipWhitespace(pending, position);
        if (position >= pending.Length || pending[position] != expected)
        {
            return false;
        }

        position++;
        return true;
    }

    /// <summary>Returns true when a literal or number may end at <paramref name="position"/>. The end of the buffered data does not count.</summary>
    private static bool IsDelimiterAt(ReadOnlySpan<byte> pending, int position) =>
        position < pending.Length && pending[position] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static int SkipWhitespace(ReadOnlySpan<byte> pending, int position)
    {
        if (position >= pending.Length || pending[position] > (byte)' ')
        {
            return position;
        }

        // A line break and its indentation: skipped in one vectorised search.
        var length = pending[position..].IndexOfAnyExcept(Whitespace);
        return length < 0 ? pending.Length : position + length;
    }
}
