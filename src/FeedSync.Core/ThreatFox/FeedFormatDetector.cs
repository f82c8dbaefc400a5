using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>Detects the shape of ThreatFox content from its first bytes, never from a file name.</summary>
internal static class FeedFormatDetector
{
    /// <summary>How many bytes detection may need: enough for a BOM, whitespace and the first property name.</summary>
    public const int PrefixBytes = 4096;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Returns the format of content starting with <paramref name="prefix"/>, or throws
    /// <see cref="FeedFormatException"/> for empty content, an HTML page or anything unrecognised.
    /// </summary>
    public static ThreatFoxFeedFormat Detect(ReadOnlySpan<byte> prefix, string source)
    {
        if (prefix is [(byte)'P', (byte)'K', 3, 4, ..] or [(byte)'P', (byte)'K', 5, 6, ..])
        {
            return ThreatFoxFeedFormat.Zip;
        }

        if (prefix is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            throw Fail(source, "is UTF-16 text; ThreatFox publishes UTF-8. Download the file again instead of re-saving it");
        }

        var text = SkipBomAndWhitespace(prefix);
        if (text.IsEmpty)
        {
            throw Fail(source, prefix.IsEmpty ? "is empty (0 bytes)" : "contains only whitespace", line: 1);
        }

        return text[0] switch
        {
            (byte)'#' or (byte)'"' => ThreatFoxFeedFormat.ExportCsv,
            (byte)'{' => DetectJsonObject(text[1..], source),
            (byte)'<' => throw Fail(source, $"is an HTML or XML page (it starts with '{Preview(text)}'), not ThreatFox data: the server probably returned an error page. Check the URL or download again"),
            _ when IsUnquotedCsvLine(text) => ThreatFoxFeedFormat.ExportCsv,
            _ => throw Fail(source, $"is not a ThreatFox export or API response: it starts with '{Preview(text)}'. Expected JSON, NDJSON, CSV or a ZIP holding one of them"),
        };
    }

    /// <summary>
    /// Returns true when the first line has the commas of a ThreatFox CSV row or header without quotes, as a
    /// spreadsheet writes it when it saves the export again. The CSV reader then checks the columns.
    /// </summary>
    private static bool IsUnquotedCsvLine(ReadOnlySpan<byte> text)
    {
        const int MinimumCommas = 10;
        var lineEnd = text.IndexOfAny((byte)'\r', (byte)'\n');
        var line = lineEnd < 0 ? text : text[..lineEnd];
        return line.Count((byte)',') >= MinimumCommas;
    }

    private static ThreatFoxFeedFormat DetectJsonObject(ReadOnlySpan<byte> afterBrace, string source)
    {
        var rest = afterBrace.TrimStart(" \t\r\n"u8);
        if (rest is [(byte)'}', ..])
        {
            return ThreatFoxFeedFormat.ExportJson;
        }

        if (rest is not [(byte)'"', ..])
        {
            throw Fail(source, "starts with a JSON object whose first member is not a quoted name, so it is not valid JSON", line: 1);
        }

        var nameEnd = rest[1..].IndexOf((byte)'"');
        if (nameEnd < 0)
        {
            // The first name does not fit the prefix: no ThreatFox shape has such a name, so the
            // NDJSON reader is left to report the content precisely.
            return ThreatFoxFeedFormat.Ndjson;
        }

        var name = rest.Slice(1, nameEnd);
        if (name.SequenceEqual("query_status"u8) || name.SequenceEqual("data"u8))
        {
            return ThreatFoxFeedFormat.ApiResponse;
        }

        if (!name.IsEmpty && name.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            return ThreatFoxFeedFormat.ExportJson;
        }

        return ThreatFoxFeedFormat.Ndjson;
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith(Utf8Bom))
        {
            prefix = prefix[Utf8Bom.Length..];
        }

        return prefix.TrimStart(" \t\r\n"u8);
    }

    private static string Preview(ReadOnlySpan<byte> text)
    {
        var head = text[..Math.Min(text.Length, 40)];
        var newline = head.IndexOfAny((byte)'\r', (byte)'\n');
        if (newline >= 0)
        {
            head = head[..newline];
        }

        return Encoding.UTF8.GetString(head);
    }

    private static FeedFormatException Fail(string source, string problem, long? line = null) =>
        new(source, $"Source '{source}' {problem}. Nothing was imported.", line, line is null ? null : 1);
}
