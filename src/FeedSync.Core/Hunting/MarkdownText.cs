using System.Globalization;
using System.Text;

namespace FeedSync.Hunting;

/// <summary>
/// Writes untrusted text into CommonMark and GitHub Flavored Markdown so that it shows as written and never becomes
/// markup, a link, a table cell break or a line break.
/// </summary>
/// <remarks>
/// Characters that could hide or reorder text (controls, format characters such as bidirectional overrides, line
/// and paragraph separators, lone surrogates, private-use and unassigned code points) are shown as <c>(U+XXXX)</c>.
/// </remarks>
internal static class MarkdownText
{
    private const string InlineMarkup = "\\`*_[]<>|~&$!#@/";

    /// <summary>
    /// Returns <paramref name="text"/> for the middle of a line of prose or a table cell. The characters that start
    /// inline markup are backslash-escaped, and so are every <c>/</c> and the dot of <c>www.</c>, which keeps GFM from
    /// turning a URL in the text into a link. Text at the start of a line could still start a block (a list, a
    /// heading), so callers put fixed text first.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var (character, unit) in Units(text))
        {
            if (unit is not null)
            {
                escaped.Append(@"\(").Append(unit).Append(@"\)");
            }
            else if (InlineMarkup.Contains(character, StringComparison.Ordinal) || (character == '.' && EndsWithWww(escaped)))
            {
                escaped.Append('\\').Append(character);
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Returns <paramref name="text"/> as an inline code span. In a table cell, text with a <c>|</c> is written as
    /// escaped prose instead, because renderers disagree on whether <c>\|</c> inside a code span shows the backslash.
    /// </summary>
    public static string Code(string text, bool inTable)
    {
        ArgumentNullException.ThrowIfNull(text);

        if (text.Length == 0)
        {
            return "(empty)";
        }

        if (inTable && text.Contains('|', StringComparison.Ordinal))
        {
            return Escape(text);
        }

        var content = new StringBuilder(text.Length);
        foreach (var (character, unit) in Units(text))
        {
            content.Append(unit is null ? character.ToString() : $"({unit})");
        }

        var fence = new string('`', LongestRun(content.ToString(), '`') + 1);
        var padding = content[0] is '`' or ' ' || content[^1] is '`' or ' ' ? " " : string.Empty;
        return $"{fence}{padding}{content}{padding}{fence}";
    }

    /// <summary>Returns <paramref name="text"/> as a fenced code block with an info string such as <c>kusto</c>.</summary>
    public static string CodeBlock(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);

        var content = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            foreach (var (character, unit) in Units(line))
            {
                content.Append(unit is null ? character.ToString() : $"({unit})");
            }

            content.Append('\n');
        }

        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        return $"{fence}{language}\n{content}{fence}";
    }

    /// <summary>Yields each character, with its <c>U+XXXX</c> name when it must not be shown as itself.</summary>
    private static IEnumerable<(char Character, string? Unit)> Units(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(text, index);
                var pair = text.Substring(index, 2);
                index++;
                if (category is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                {
                    yield return ('\0', $"U+{char.ConvertToUtf32(pair, 0):X}");
                    continue;
                }

                yield return (pair[0], null);
                yield return (pair[1], null);
                continue;
            }

            yield return IsHidden(character)
                ? (character, string.Create(CultureInfo.InvariantCulture, $"U+{(int)character:X4}"))
                : (character, null);
        }
    }

    private static bool EndsWithWww(StringBuilder text) =>
        text.Length >= 3 && string.Equals(text.ToString(text.Length - 3, 3), "www", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns <paramref name="text"/> with every character that could hide or reorder text replaced by a space.</summary>
    public static string WithoutHidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var plain = new StringBuilder(text.Length);
        foreach (var (character, unit) in Units(text))
        {
            plain.Append(unit is null ? character : ' ');
        }

        return plain.ToString();
    }

    private static bool IsHidden(char character) => CharUnicodeInfo.GetUnicodeCategory(character) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;

    private static int LongestRun(string text, char character)
    {
        var longest = 0;
        var current = 0;
        foreach (var each in text)
        {
            current = each == character ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
