using System.Globalization;

namespace FeedSync.ThreatFox;

/// <summary>
/// Parses ThreatFox times: <c>yyyy-MM-dd HH:mm:ss</c> in UTC, with or without the API's <c> UTC</c> suffix.
/// ISO 8601 with a <c>T</c> separator and an offset is accepted as well.
/// </summary>
internal static class ThreatFoxTimestamp
{
    private const int BaseLength = 19;

    /// <summary>Parses <paramref name="text"/>; returns false when it is not a time in a known form.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (text.EndsWith(" UTC", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        if (text.Length == BaseLength && TryParseFixed(text, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>Parses UTF-8 bytes, as the readers see them; the fixed form is parsed without copying.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        const int MaxLength = 64;
        if (utf8.EndsWith(" UTC"u8))
        {
            utf8 = utf8[..^4];
        }

        if (utf8.Length == BaseLength && TryParseFixed(utf8, out value))
        {
            return true;
        }

        if (utf8.Length > MaxLength)
        {
            value = default;
            return false;
        }

        Span<char> text = stackalloc char[MaxLength];
        for (var i = 0; i < utf8.Length; i++)
        {
            text[i] = (char)utf8[i];
        }

        return TryParse(text[..utf8.Length], out value);
    }

    private static bool TryParseFixed(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        Span<byte> ascii = stackalloc byte[BaseLength];
        for (var i = 0; i < BaseLength; i++)
        {
            if (text[i] > 0x7F)
            {
                value = default;
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return TryParseFixed(ascii, out value);
    }

    private static bool TryParseFixed(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text[4] != (byte)'-' || text[7] != (byte)'-' || (text[10] != (byte)' ' && text[10] != (byte)'T') || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(text.Slice(0, 4), out var year)
            || !TryDigits(text.Slice(5, 2), out var month)
            || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour)
            || !TryDigits(text.Slice(14, 2), out var minute)
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int number)
    {
        number = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            number = (number * 10) + (digit - (byte)'0');
        }

        return true;
    }
}
