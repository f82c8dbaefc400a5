using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FeedSync.Hunting;

/// <summary>Writes YAML scalars that every YAML 1.1 or 1.2 parser reads back as the original string.</summary>
internal static partial class YamlText
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    };

    /// <summary>
    /// Returns <paramref name="value"/> plain when it is a simple name or a GUID, else double-quoted with every
    /// character outside printable ASCII escaped. A lone surrogate, which no YAML escape can carry, becomes U+FFFD.
    /// </summary>
    public static string Scalar(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        if ((SimpleName().IsMatch(value) && !ReservedWords.Contains(value)) || GuidPattern().IsMatch(value))
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2);
        quoted.Append('"');
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            if (character is '"' or '\\')
            {
                quoted.Append('\\').Append(character);
            }
            else if (character is >= ' ' and <= '~')
            {
                quoted.Append(character);
            }
            else if (char.IsHighSurrogate(character) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(character, value[++index]):X8}");
            }
            else
            {
                var unit = char.IsSurrogate(character) ? '\uFFFD' : character;
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)unit:X4}");
            }
        }

        quoted.Append('"');
        return quoted.ToString();
    }

    /// <summary>
    /// Returns <paramref name="value"/> as a literal block scalar (<c>|-</c>) indented by <paramref name="indent"/>
    /// spaces when every line is printable ASCII, so that the text reads as written; otherwise as <see cref="Scalar"/>.
    /// </summary>
    public static string Block(string value, int indent)
    {
        ArgumentNullException.ThrowIfNull(value);

        var lines = value.Split('\n');
        var printable = value.Length > 0
            && value.All(character => character is '\n' or (>= ' ' and <= '~'))
            && !lines[0].StartsWith(' ')
            && lines.Any(line => line.Length > 0);
        if (!printable)
        {
            return Scalar(value);
        }

        var padding = new string(' ', indent);
        return "|-\n" + string.Join('\n', lines.Select(line => line.Length == 0 ? string.Empty : padding + line));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleName();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex GuidPattern();
}
