namespace FeedSync.Watchlists;

/// <summary>
/// Writes and reads the text of the time columns, <see cref="IndicatorRowMapper.TimeFormat"/> in UTC, without
/// allocating, so the diff can compare a stored time cell with the time it expects.
/// </summary>
internal static class TimeColumnText
{
    /// <summary>The length of every time cell: <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public const int Length = 20;

    /// <summary>Returns whether <paramref name="cell"/> is the text <see cref="IndicatorRowMapper.FormatTime"/> writes for <paramref name="time"/>.</summary>
    public static bool Matches(ReadOnlySpan<char> cell, DateTimeOffset time)
    {
        if (cell.Length != Length)
        {
            return false;
        }

        Span<char> expected = stackalloc char[Length];
        Write(time, expected);
        return cell.SequenceEqual(expected);
    }

    /// <summary>Writes the text of <paramref name="time"/> to the first <see cref="Length"/> characters of <paramref name="destination"/>.</summary>
    public static void Write(DateTimeOffset time, Span<char> destination)
    {
        var utc = time.UtcDateTime;
        utc.Deconstruct(out int year, out int month, out int day);

        WriteDigits(destination[..4], year);
        destination[4] = '-';
        WriteDigits(destination.Slice(5, 2), month);
        destination[7] = '-';
        WriteDigits(destination.Slice(8, 2), day);
        destination[10] = 'T';
        WriteDigits(destination.Slice(11, 2), utc.Hour);
        destination[13] = ':';
        WriteDigits(destination.Slice(14, 2), utc.Minute);
        destination[16] = ':';
        WriteDigits(destination.Slice(17, 2), utc.Second);
        destination[19] = 'Z';
    }

    /// <summary>
    /// Reads a cell that is exactly what <see cref="Write"/> writes for some time. Returns false for any other text,
    /// including text that <see cref="DateTimeOffset.TryParseExact(string, string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
    /// would still read, so a true result also means the cell is written back unchanged.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> cell, out DateTimeOffset time)
    {
        time = default;
        if (cell.Length != Length
            || cell[4] != '-' || cell[7] != '-' || cell[10] != 'T' || cell[13] != ':' || cell[16] != ':' || cell[19] != 'Z')
        {
            return false;
        }

        if (!TryReadDigits(cell[..4], out var year)
            || !TryReadDigits(cell.Slice(5, 2), out var month)
            || !TryReadDigits(cell.Slice(8, 2), out var day)
            || !TryReadDigits(cell.Slice(11, 2), out var hour)
            || !TryReadDigits(cell.Slice(14, 2), out var minute)
            || !TryReadDigits(cell.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (var index = destination.Length - 1; index >= 0; index--)
        {
            destination[index] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryReadDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var character in text)
        {
            if (!char.IsAsciiDigit(character))
            {
                return false;
            }

            value = (value * 10) + (character - '0');
        }

        return true;
    }
}
