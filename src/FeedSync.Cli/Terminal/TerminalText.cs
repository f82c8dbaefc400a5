using System.Globalization;
using System.Text;

namespace FeedSync.Cli.Terminal;

/// <summary>
/// Escapes text for a terminal, so that feed content can neither run terminal control sequences (move the cursor,
/// clear the screen, set the window title) nor forge or reorder lines. Every text summary, error message and
/// console log line of <c>feedsync</c> passes its values through <see cref="Escape"/>, most of them through
/// <see cref="Format"/>.
/// </summary>
/// <remarks>
/// Escaped are the control characters (C0, DEL and C1, which include ESC and the 8-bit CSI), the format characters
/// (the bidirectional controls such as U+202E, zero-width characters, the byte order mark), the line and paragraph
/// separators and unpaired surrogates. Code points below U+0100 become <c>\xHH</c>, apart from <c>\t</c>, <c>\n</c>
/// and <c>\r</c>, and the others become <c>\uHHHH</c>. A backslash is not escaped, so a literal <c>\x1b</c> in the
/// content reads the same as an escaped ESC, but cannot act as one.
/// </remarks>
internal static class TerminalText
{
    /// <summary>Returns <paramref name="text"/> with every character that a terminal could act on escaped.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var character = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                escaped.Append(character).Append(text[i + 1]);
                i++;
            }
            else if (IsUnsafe(character))
            {
                AppendEscape(escaped, character);
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Returns the interpolated string with every interpolated value escaped by <see cref="Escape"/> and formatted
    /// with the invariant culture. The literal parts, which the code writes, pass unchanged.
    /// </summary>
    public static string Format(ref TerminalInterpolatedStringHandler text) => text.ToStringAndClear();

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
                continue;
            }

            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char character)
    {
        if (character is >= ' ' and < '\u007f')
        {
            return false;
        }

        return char.GetUnicodeCategory(character) is UnicodeCategory.Control
            or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate;
    }

    private static void AppendEscape(StringBuilder escaped, char character)
    {
        switch (character)
        {
            case '\t':
                escaped.Append("\\t");
                break;
            case '\n':
                escaped.Append("\\n");
                break;
            case '\r':
                escaped.Append("\\r");
                break;
            case < '\u0100':
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)character:x2}");
                break;
            default:
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}");
                break;
        }
    }
}
