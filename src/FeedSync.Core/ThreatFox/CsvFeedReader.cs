using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Streams records out of the ThreatFox export CSV: <c>#</c> comment lines, the header as the last comment
/// line (or as a plain first row), every value double-quoted and values separated by <c>", "</c>.
/// Columns are mapped by header name, so added or reordered columns do not break reading.
/// </summary>
internal sealed class CsvFeedReader : IThreatFoxRecordCursor
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

    // The columns without which every row would be rejected, with their export header names.
    private static readonly (ThreatFoxField Field, string Name)[] RequiredColumns =
    [
        (ThreatFoxField.IocValue, "ioc_value"),
        (ThreatFoxField.IocType, "ioc_type"),
        (ThreatFoxField.ThreatType, "threat_type"),
        (ThreatFoxField.Confidence, "confidence_level"),
        (ThreatFoxField.FirstSeen, "first_seen_utc"),
    ];

    private readonly Utf8StreamBuffer buffer;
    private readonly ThreatFoxRecordBuilder builder = new();
    private readonly List<CsvValue> values = [];

    // The 1-based number of the first value of the current line with text after its closing quote, or -1.
    private int valueWithStrayText = -1;
    private ThreatFoxField[]? columns;
    private long recordNumber;
    private bool lineIsUnterminated;

    public CsvFeedReader(Utf8StreamBuffer buffer)
    {
        this.buffer = buffer;
    }

    /// <inheritdoc/>
    public ThreatFoxRecordBuilder Current => builder;

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        // Most rows lie whole in the buffer, so this returns without awaiting; only a refill awaits.
        return TryReadBufferedRow(out var needsData)
            ? ValueTask.FromResult(true)
            : needsData ? FillAndMoveNextAsync(cancellationToken) : ValueTask.FromResult(false);
    }

    private async ValueTask<bool> FillAndMoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await buffer.FillAsync(cancellationToken))
            {
                return false;
            }

            if (TryReadBufferedRow(out var needsData))
            {
                return true;
            }

            if (!needsData)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Reads lines from the buffer until one is a data row; sets <paramref name="needsData"/> when the buffer
    /// ends first and more content may follow.
    /// </summary>
    private bool TryReadBufferedRow(out bool needsData)
    {
        while (true)
        {
            needsData = false;
            if (buffer.Pending.IsEmpty && buffer.IsFinalBlock)
            {
                return false;
            }

            var lineLength = FindLineEnd(buffer.Pending, buffer.IsFinalBlock, out var separatorLength);
            if (lineLength < 0)
            {
                needsData = true;
                return false;
            }

            lineIsUnterminated = separatorLength == 0;
            var isRecord = ReadLine(lineLength);
            buffer.Advance(lineLength + separatorLength);
            if (isRecord)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Returns the length of the first line, ignoring line breaks inside quotes, or -1 when more data is needed.
    /// </summary>
    private int FindLineEnd(ReadOnlySpan<byte> pending, bool isFinalBlock, out int separatorLength)
    {
        // The first line break ends the line when an even number of quotes precedes it, as in every row
        // without a line break inside a quoted value. Only other lines are scanned quote by quote.
        var firstBreak = pending.IndexOf((byte)'\n');
        if (firstBreak >= 0 && (pending[..firstBreak].Count((byte)'"') & 1) == 0)
        {
            separatorLength = 1;
            return firstBreak;
        }

        separatorLength = 0;
        var inQuotes = false;
        var position = 0;
        while (position < pending.Length)
        {
            var next = inQuotes
                ? pending[position..].IndexOf((byte)'"')
                : pending[position..].IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                break;
            }

            position += next;
            if (pending[position] == (byte)'\n')
            {
                separatorLength = 1;
                return position;
            }

            inQuotes = !inQuotes;
            position++;
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

    /// <summary>Reads one line into the builder; returns false for a comment, blank or header line.</summary>
    private bool ReadLine(int lineLength)
    {
        var line = buffer.Pending[..lineLength].TrimEnd((byte)'\r');
        var content = line.TrimStart(" \t"u8);
        if (content.IsEmpty)
        {
            return false;
        }

        if (content[0] == (byte)'#')
        {
            ReadComment(content[1..]);
            return false;
        }

        SplitValues(line);
        if (columns is null && TryUseAsHeader(line))
        {
            return false;
        }

        columns ??= InferColumns();
        ReadRecord(line);
        return true;
    }

    private void ReadComment(ReadOnlySpan<byte> comment)
    {
        var text = comment.Trim(" \t"u8);
        if (text.IsEmpty || text[0] != (byte)'"')
        {
            return;
        }

        SplitValues(text);
        TryUseAsHeader(text);
    }

    private bool TryUseAsHeader(ReadOnlySpan<byte> line)
    {
        var mapped = new ThreatFoxField[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            mapped[i] = ThreatFoxFieldNames.Lookup(line.Slice(values[i].Start, values[i].Length).Trim(" \t"u8));
        }

        if (!mapped.Contains(ThreatFoxField.IocValue))
        {
            return false;
        }

        EnsureRequiredColumns(mapped);
        columns = mapped;
        return true;
    }

    private void EnsureRequiredColumns(ThreatFoxField[] mapped)
    {
        var missing = RequiredColumns.Where(column => !mapped.Contains(column.Field)).Select(column => column.Name).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var line = buffer.Line;
        throw new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' has a CSV header at line {line} without the column(s) {string.Join(", ", missing)}, so every row would be rejected. Use an unmodified ThreatFox CSV export, or add the missing columns. Nothing was imported.",
            line,
            1);
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

    private void ReadRecord(ReadOnlySpan<byte> line)
    {
        builder.Reset();
        recordNumber++;
        // A last row without a line break is cut off when it has too few values or ends with a separator, as a
        // download does that stops after a comma.
        if (lineIsUnterminated && (values.Count < columns!.Length || line.TrimEnd(" \t"u8).EndsWith((byte)',')))
        {
            throw CutOffRow();
        }

        if (values.Count != columns!.Length)
        {
            builder.MarkInvalidRow(RowField, $"{values.Count} values where the header has {columns.Length}: {Encoding.UTF8.GetString(line)}");
        }
        else if (valueWithStrayText > 0)
        {
            builder.MarkInvalidRow(RowField, $"text after the closing quote of value {valueWithStrayText}: {Encoding.UTF8.GetString(line)}");
        }

        SetKnownValues(line);
        builder.Complete(recordNumber, buffer.Line);
    }

    private void SetKnownValues(ReadOnlySpan<byte> line)
    {
        var count = Math.Min(values.Count, columns!.Length);
        for (var i = 0; i < count; i++)
        {
            var value = values[i];
            var bytes = line.Slice(value.Start, value.Length);
            if (value.HasEscapedQuote)
            {
                builder.SetText(columns[i], Encoding.UTF8.GetString(bytes).Replace("\"\"", "\"", StringComparison.Ordinal));
                continue;
            }

            builder.SetUtf8(columns[i], bytes);
        }
    }

    /// <summary>Splits a CSV line into <see cref="values"/>: quoted values may contain commas and doubled quotes.</summary>
    private void SplitValues(ReadOnlySpan<byte> line)
    {
        values.Clear();
        valueWithStrayText = -1;
        var position = 0;
        while (true)
        {
            while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
            {
                position++;
            }

            position = position < line.Length && line[position] == (byte)'"'
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
            var quote = line[position..].IndexOf((byte)'"');
            if (quote < 0)
            {
                position = line.Length;
                break;
            }

            position += quote;
            if (position + 1 < line.Length && line[position + 1] == (byte)'"')
            {
                hasEscapedQuote = true;
                position += 2;
                continue;
            }

            break;
        }

        values.Add(new CsvValue(start, position - start, hasEscapedQuote));
        var separator = FindSeparator(line, position + 1, out var hasStrayText);
        if (hasStrayText && valueWithStrayText < 0)
        {
            valueWithStrayText = values.Count;
        }

        return separator;
    }

    /// <summary>
    /// Returns the position of the comma after a quoted value, or the line's length when none follows. Sets
    /// <paramref name="hasStrayText"/> when text other than spaces comes between the quote and the comma.
    /// </summary>
    private static int FindSeparator(ReadOnlySpan<byte> line, int position, out bool hasStrayText)
    {
        hasStrayText = false;
        // The export puts the comma right after the quote, optionally after spaces.
        while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
        {
            position++;
        }

        if (position >= line.Length || line[position] == (byte)',')
        {
            return Math.Min(position, line.Length);
        }

        hasStrayText = true;
        var comma = line[position..].IndexOf((byte)',');
        return comma < 0 ? line.Length : position + comma;
    }

    private int ReadUnquoted(ReadOnlySpan<byte> line, int position)
    {
        var comma = line[position..].IndexOf((byte)',');
        var end = comma < 0 ? line.Length : position + comma;
        values.Add(new CsvValue(position, end - position, false));
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

    /// <summary>
    /// Creates the error for a last row without a line break that has fewer values than the header or ends with
    /// a separator: the content stops inside the row, as an interrupted download does.
    /// </summary>
    private FeedFormatException CutOffRow()
    {
        var line = buffer.Line;
        var shape = values.Count < columns!.Length ? $"{values.Count} of {columns.Length} values" : "it ends with a separator";
        return new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' ends in the middle of the CSV row at line {line} ({shape}, no line break): the content is truncated. Download it again. Nothing was imported.",
            line,
            1);
    }

    /// <summary>Where one value sits in its line; quotes are excluded.</summary>
    private readonly record struct CsvValue(int Start, int Length, bool HasEscapedQuote);
}
