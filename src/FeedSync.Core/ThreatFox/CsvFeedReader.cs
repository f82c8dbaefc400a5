using System.Runtime.CompilerServices;
using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Streams records out of the ThreatFox export CSV: <c>#</c> comment lines, the header as the last comment
/// line (or as a plain first row), every value double-quoted and values separated by <c>", "</c>.
/// Columns are mapped by header name, so added or reordered columns do not break reading.
/// </summary>
internal sealed class CsvFeedReader
{
    /// <summary>The name of the pseudo-field that a row with the wrong number of values is reported under.</summary>
    public const string RowField = "row";

    // NOTE: these orders are used only when the content has no header line. The 15-column order is the
    // export's header as of 2026; the 14-column order is assumed to be the same without is_compromised.
    private static readonly ThreatFoxField[] CurrentColumns =
    [
        ThreatFoxField.FirstSeen, ThreatFoxField.Id, ThreatFoxField.IocValue, ThreatFoxField.IocType,
        ThreatFoxField.ThreatType, ThreatFoxField.Malware, ThreatFoxField.MalwareAlias,
        ThreatFoxField.MalwarePrintable, ThreatFoxField.LastSeen, ThreatFoxField.Confidence,
        ThreatFoxField.IsCompromised, ThreatFoxField.Reference, ThreatFoxField.Tags, ThreatFoxField.Anonymous,
        ThreatFoxField.Reporter,
    ];

    private static readonly ThreatFoxField[] LegacyColumns =
        CurrentColumns.Where(field => field != ThreatFoxField.IsCompromised).ToArray();

    private readonly Utf8StreamBuffer buffer;
    private readonly ThreatFoxRecordBuilder builder = new();
    private readonly List<string?> values = [];
    private ThreatFoxField[]? columns;
    private long recordNumber;

    public CsvFeedReader(Utf8StreamBuffer buffer)
    {
        this.buffer = buffer;
    }

    /// <summary>Reads every data row; throws <see cref="FeedFormatException"/> for content that is not this CSV.</summary>
    public async IAsyncEnumerable<ThreatFoxRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var lineLength = FindLineEnd(buffer.Pending, buffer.IsFinalBlock, out var separatorLength);
            if (lineLength < 0)
            {
                if (!await buffer.FillAsync(cancellationToken))
                {
                    yield break;
                }

                continue;
            }

            var record = ReadLine(lineLength);
            buffer.Advance(lineLength + separatorLength);
            if (record is not null)
            {
                yield return record;
            }

            if (buffer.Pending.IsEmpty && buffer.IsFinalBlock)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Returns the length of the first line, ignoring line breaks inside quotes, or -1 when more data is needed.
    /// </summary>
    private int FindLineEnd(ReadOnlySpan<byte> pending, bool isFinalBlock, out int separatorLength)
    {
        separatorLength = 0;
        var inQuotes = false;
        for (var i = 0; i < pending.Length; i++)
        {
            var b = pending[i];
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (b == (byte)'\n' && !inQuotes)
            {
                separatorLength = 1;
                return i;
            }
        }

        if (!isFinalBlock)
        {
            return -1;
        }

        if (inQuotes)
        {
            throw Truncated();
        }

        return pending.Length;
    }

    private ThreatFoxRecord? ReadLine(int lineLength)
    {
        var line = buffer.Pending[..lineLength].TrimEnd((byte)'\r');
        var content = line.TrimStart(" \t"u8);
        if (content.IsEmpty)
        {
            return null;
        }

        if (content[0] == (byte)'#')
        {
            ReadComment(content[1..]);
            return null;
        }

        SplitValues(line);
        if (columns is null && TryUseAsHeader())
        {
            return null;
        }

        columns ??= InferColumns();
        return BuildRecord(line);
    }

    private void ReadComment(ReadOnlySpan<byte> comment)
    {
        var text = comment.Trim(" \t"u8);
        if (text.IsEmpty || text[0] != (byte)'"')
        {
            return;
        }

        SplitValues(text);
        TryUseAsHeader();
    }

    private bool TryUseAsHeader()
    {
        var mapped = values.Select(name => ThreatFoxFieldNames.Lookup((name ?? string.Empty).AsSpan())).ToArray();
        if (!mapped.Contains(ThreatFoxField.IocValue))
        {
            return false;
        }

        columns = mapped;
        return true;
    }

    private ThreatFoxField[] InferColumns()
    {
        if (values.Count == CurrentColumns.Length)
        {
            return CurrentColumns;
        }

        if (values.Count == LegacyColumns.Length)
        {
            return LegacyColumns;
        }

        var line = buffer.Line;
        throw new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' has no CSV header line naming ioc_value before line {line}, and its first row has {values.Count} values instead of 14 or 15, so its columns are unknown. Use an unmodified ThreatFox CSV export. Nothing was imported.",
            line,
            1);
    }

    private ThreatFoxRecord BuildRecord(ReadOnlySpan<byte> line)
    {
        builder.Reset();
        recordNumber++;
        if (values.Count != columns!.Length)
        {
            builder.MarkInvalidRow(RowField, $"{values.Count} values where the header has {columns.Length}: {Encoding.UTF8.GetString(line)}");
            SetKnownValues();
            return builder.Build(recordNumber, buffer.Line);
        }

        SetKnownValues();
        return builder.Build(recordNumber, buffer.Line);
    }

    private void SetKnownValues()
    {
        var count = Math.Min(values.Count, columns!.Length);
        for (var i = 0; i < count; i++)
        {
            builder.SetText(columns[i], values[i]);
        }
    }

    /// <summary>Splits a CSV line into <see cref="values"/>: quoted values may contain commas and doubled quotes.</summary>
    private void SplitValues(ReadOnlySpan<byte> line)
    {
        values.Clear();
        var position = 0;
        while (true)
        {
            while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
            {
                position++;
            }

            position = line[position..] is [(byte)'"', ..]
                ? ReadQuoted(line, position + 1)
                : ReadUnquoted(line, position);

            if (position >= line.Length)
            {
                return;
            }

            position++;
        }
    }

    private int ReadQuoted(ReadOnlySpan<byte> line, int position)
    {
        var start = position;
        var hasEscapedQuote = false;
        while (position < line.Length)
        {
            if (line[position] != (byte)'"')
            {
                position++;
                continue;
            }

            if (position + 1 < line.Length && line[position + 1] == (byte)'"')
            {
                hasEscapedQuote = true;
                position += 2;
                continue;
            }

            break;
        }

        var text = Encoding.UTF8.GetString(line[start..Math.Min(position, line.Length)]);
        values.Add(hasEscapedQuote ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text);

        var comma = line[Math.Min(position + 1, line.Length)..].IndexOf((byte)',');
        return comma < 0 ? line.Length : position + 1 + comma;
    }

    private int ReadUnquoted(ReadOnlySpan<byte> line, int position)
    {
        var comma = line[position..].IndexOf((byte)',');
        var end = comma < 0 ? line.Length : position + comma;
        values.Add(Encoding.UTF8.GetString(line[position..end].Trim(" \t"u8)));
        return end;
    }

    private FeedFormatException Truncated()
    {
        var (line, column) = buffer.EndPosition();
        return new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' ends inside a quoted CSV value at line {line}, byte {column}: the content is truncated. Download it again. Nothing was imported.",
            line,
            column);
    }
}
