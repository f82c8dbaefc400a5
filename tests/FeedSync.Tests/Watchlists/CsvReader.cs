using System.Text;

namespace FeedSync.Tests.Watchlists;

/// <summary>
/// A small RFC 4180 reader written independently of the product's CSV writer, so that tests check the writer's
/// output against the standard rather than against itself.
/// </summary>
internal static class CsvReader
{
    /// <summary>Reads a CSV document into rows of cells; both <c>\n</c> and <c>\r\n</c> end a record.</summary>
    public static List<List<string>> Read(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (quoted)
            {
                if (character == '"' && index + 1 < text.Length && text[index + 1] == '"')
                {
                    cell.Append('"');
                    index += 2;
                    continue;
                }

                if (character == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(character);
                }

                index++;
                continue;
            }

            switch (character)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r' when index + 1 < text.Length && text[index + 1] == '\n':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    cell.Append(character);
                    break;
            }

            index++;
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Reads a CSV document with a header line into one column dictionary per data row.</summary>
    public static List<Dictionary<string, string>> ReadWithHeader(string text)
    {
        var rows = Read(text);
        var header = rows[0];
        return [.. rows.Skip(1).Select(cells => header.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal))];
    }
}
