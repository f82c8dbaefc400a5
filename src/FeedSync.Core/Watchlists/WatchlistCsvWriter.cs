using System.Text;

namespace FeedSync.Watchlists;

/// <summary>
/// Writes watchlist rows as the CSV that a watchlist's <c>rawContent</c> carries: one header line, RFC 4180
/// quoting, free-text cells neutralised against formula injection, and split into documents that each stay
/// under a size limit in UTF-8 bytes.
/// </summary>
internal static class WatchlistCsvWriter
{
    private const string LineEnd = "\n";

    /// <summary>
    /// Writes <paramref name="rows"/> as CSV documents with the columns <see cref="WatchlistColumns.All"/>, each
    /// starting with the header line and each smaller than <paramref name="maxBytes"/> UTF-8 bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A single row does not fit under <paramref name="maxBytes"/> with the header.</exception>
    public static IEnumerable<CsvDocument> WriteDocuments(IEnumerable<IReadOnlyDictionary<string, string>> rows, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        return WriteDocumentsIterator(rows, maxBytes);
    }

    /// <summary>Formats one CSV line (without the line end) from cell values.</summary>
    public static string FormatLine(IEnumerable<string> cells) => string.Join(',', cells.Select(Quote));

    /// <summary>Quotes a cell when it contains a comma, a quote, a line break or surrounding spaces; quotes inside are doubled.</summary>
    public static string Quote(string cell)
    {
        var needsQuotes = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])));
        return needsQuotes ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }

    private static IEnumerable<CsvDocument> WriteDocumentsIterator(IEnumerable<IReadOnlyDictionary<string, string>> rows, int maxBytes)
    {
        var header = FormatLine(WatchlistColumns.All) + LineEnd;
        var headerBytes = Encoding.UTF8.GetByteCount(header);
        var document = new StringBuilder(header);
        var documentBytes = headerBytes;
        var rowCount = 0;

        foreach (var row in rows)
        {
            var line = FormatLine(WatchlistColumns.All.Select(column => CellOf(row, column))) + LineEnd;
            var lineBytes = Encoding.UTF8.GetByteCount(line);
            if (headerBytes + lineBytes >= maxBytes)
            {
                throw new ArgumentException(
                    $"The watchlist row of indicator '{CellOf(row, WatchlistColumns.Indicator)}' needs {lineBytes} bytes of CSV, more than the request limit of {maxBytes} bytes allows.",
                    nameof(rows));
            }

            if (documentBytes + lineBytes >= maxBytes)
            {
                yield return new CsvDocument(document.ToString(), rowCount, documentBytes);
                document.Clear().Append(header);
                documentBytes = headerBytes;
                rowCount = 0;
            }

            document.Append(line);
            documentBytes += lineBytes;
            rowCount++;
        }

        if (rowCount > 0)
        {
            yield return new CsvDocument(document.ToString(), rowCount, documentBytes);
        }
    }

    private static string CellOf(IReadOnlyDictionary<string, string> row, string column)
    {
        var cell = row.TryGetValue(column, out var value) ? value : string.Empty;
        return IndicatorRowMapper.IsFreeText(column) ? FormulaInjection.Neutralise(cell) : cell;
    }
}

/// <summary>One CSV document for a <c>rawContent</c> upload.</summary>
/// <param name="Text">The CSV text, header line first.</param>
/// <param name="Rows">The data rows it holds.</param>
/// <param name="Bytes">Its size in UTF-8 bytes.</param>
internal sealed record CsvDocument(string Text, int Rows, int Bytes);
