using System.Text;

namespace FeedSync.Sentinel.Workspace;

/// <summary>
/// Splits a CSV with one header line into parts that each start with the header and fit one bulk upload.
/// Records end at line breaks outside double quotes, so a quoted value may contain line breaks.
/// </summary>
internal static class CsvUploadSplitter
{
    /// <summary>Returns the parts; none when the CSV has no row after its header.</summary>
    /// <exception cref="ArgumentException">The header plus a single row exceeds <paramref name="maxBytes"/>.</exception>
    public static IReadOnlyList<string> Split(string csv, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(csv);

        var records = SplitRecords(csv);
        if (records.Count <= 1)
        {
            return [];
        }

        var header = records[0].EndsWith('\n') ? records[0] : records[0] + "\n";
        var headerBytes = Encoding.UTF8.GetByteCount(header);
        var parts = new List<string>();
        var current = new StringBuilder(header);
        var currentBytes = headerBytes;

        for (var index = 1; index < records.Count; index++)
        {
            var record = records[index];
            var recordBytes = Encoding.UTF8.GetByteCount(record);
            if (headerBytes + recordBytes > maxBytes)
            {
                throw new ArgumentException(
                    $"CSV row {index} is {recordBytes} bytes; with the header it exceeds the {maxBytes} bytes one upload may carry.",
                    nameof(csv));
            }

            if (currentBytes + recordBytes > maxBytes)
            {
                parts.Add(current.ToString());
                current.Clear().Append(header);
                currentBytes = headerBytes;
            }

            current.Append(record);
            currentBytes += recordBytes;
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>Splits the text into records, each with its line break; blank lines are dropped.</summary>
    private static List<string> SplitRecords(string csv)
    {
        var records = new List<string>();
        var start = 0;
        var inQuotes = false;
        for (var index = 0; index < csv.Length; index++)
        {
            var character = csv[index];
            if (character == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (character == '\n' && !inQuotes)
            {
                AddRecord(records, csv[start..(index + 1)]);
                start = index + 1;
            }
        }

        if (start < csv.Length)
        {
            AddRecord(records, csv[start..]);
        }

        return records;
    }

    private static void AddRecord(List<string> records, string record)
    {
        if (record.Trim('\r', '\n').Length > 0)
        {
            records.Add(record);
        }
    }
}
