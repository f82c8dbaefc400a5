using System.Globalization;
using System.Text;

namespace FeedSync.Hunting;

/// <summary>
/// Writes values into KQL as string literals, so that no value can end its literal or change what the query does.
/// </summary>
/// <remarks>
/// The literal is single-quoted and contains printable ASCII only. A quote or a backslash is escaped with a
/// backslash, a tab, line feed or carriage return is written as <c>\t</c>, <c>\n</c> or <c>\r</c>, and every
/// other character outside U+0020 to U+007E (controls, DEL, every non-ASCII character, lone surrogates) is written
/// as a <c>\uXXXX</c> escape of its UTF-16 code unit. Text such as <c>//</c>, <c>|</c> or <c>;</c> inside the quotes
/// is data. The Kusto language service (Kusto.Language 12.4.1) reads these escapes back to the original value.
/// </remarks>
internal static class KqlLiteral
{
    /// <summary>Returns <paramref name="value"/> as a single-quoted KQL string literal.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var literal = new StringBuilder(value.Length + 2);
        literal.Append('\'');
        foreach (var character in value)
        {
            AppendEscaped(literal, character);
        }

        literal.Append('\'');
        return literal.ToString();
    }

    /// <summary>Returns the values as a KQL <c>dynamic</c> array of string literals, such as <c>dynamic(['a', 'b'])</c>.</summary>
    public static string DynamicArray(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        return $"dynamic([{string.Join(", ", values.Select(Quote))}])";
    }

    /// <summary>Returns the values as a parenthesised list of string literals for <c>in~</c> or <c>has_any</c>.</summary>
    public static string List(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        return $"({string.Join(", ", values.Select(Quote))})";
    }

    private static void AppendEscaped(StringBuilder literal, char character)
    {
        switch (character)
        {
            case '\'':
                literal.Append("\\'");
                return;
            case '\\':
                literal.Append("\\\\");
                return;
            case '\t':
                literal.Append("\\t");
                return;
            case '\n':
                literal.Append("\\n");
                return;
            case '\r':
                literal.Append("\\r");
                return;
        }

        if (character is >= ' ' and <= '~')
        {
            literal.Append(character);
            return;
        }

        literal.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
    }
}
