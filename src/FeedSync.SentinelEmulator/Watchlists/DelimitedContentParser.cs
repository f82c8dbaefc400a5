using System.Text;

namespace FeedSync.SentinelEmulator.Watchlists;

/// <summary>
/// Parses a watchlist's <c>rawContent</c>: RFC 4180 CSV (or TSV), where quoted fields may hold delimiters, doubled
/// quotes and line breaks. <c>numberOfLinesToSkip</c> physical lines are dropped before the header line; blank
/// lines are ignored.
/// </summary>
internal static class DelimitedContentParser
{
    public static DelimitedContent Parse(string content, char delimiter, int linesToSkip)
    {
        var body = SkipLines(content, linesToSkip);
        var records = ReadRecords(body, delimiter, out var syntaxError);
        if (syntaxError is not null)
        {
            return new DelimitedContent([], [], [syntaxError]);
        }

        if (records.Count == 0)
        {
            return new DelimitedContent([], [], ["The content has no header line after the skipped lines."]);
        }

        var header = records[0].Fields;
        var errors = new List<string>();
        var duplicates = header.GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"The header repeats the column(s) {string.Join(", ", duplicates.Select(name => $"'{name}'"))}.");
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                errors.Add($"Line {record.LineNumber + linesToSkip} has {record.Fields.Count} field(s) but the header has {header.Count}.");
                continue;
            }

            rows.Add(record.Fields);
        }

        return new DelimitedContent(header, rows, errors);
    }

    private static string SkipLines(string content, int linesToSkip)
    {
        var position = 0;
        for (var skipped = 0; skipped < linesToSkip && position < content.Length; skipped++)
        {
            var next = content.IndexOf('\n', position);
            position = next < 0 ? content.Length : next + 1;
        }

        return content[position..];
    }

    private static List<DelimitedRecord> ReadRecords(string body, char delimiter, out string? syntaxError)
    {
        syntaxError = null;
        var records = new List<DelimitedRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;

        for (var index = 0; index < body.Length; index++)
        {
            var character = body[index];
            if (inQuotes)
            {
                if (character == '"' && index + 1 < body.Length && body[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else if (character == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += character == '\n' ? 1 : 0;
                    field.Append(character);
                }

                continue;
            }

            if (character == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (character == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (character is '\r' or '\n')
            {
                if (character == '\r' && index + 1 < body.Length && body[index + 1] == '\n')
                {
                    index++;
                }

                EndRecord(records, fields, field, recordLine);
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(character);
            }
        }

        if (inQuotes)
        {
            syntaxError = $"A quoted field that starts on line {recordLine} is never closed.";
            return records;
        }

        EndRecord(records, fields, field, recordLine);
        return records;
    }

    private static void EndRecord(List<DelimitedRecord> records, List<string> fields, StringBuilder field, int lineNumber)
    {
        fields.Add(field.ToString());
        field.Clear();

        var isBlank = fields.Count == 1 && fields[0].Length == 0;
        if (!isBlank)
        {
            records.Add(new DelimitedRecord([.. fields], lineNumber));
        }

        fields.Clear();
    }

    private sealed record DelimitedRecord(IReadOnlyList<string> Fields, int LineNumber);
}

/// <summary>The header, the well-formed rows and the problems found in delimited content.</summary>
internal sealed record DelimitedContent(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Errors);
