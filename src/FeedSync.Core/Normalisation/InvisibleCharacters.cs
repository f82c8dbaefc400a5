using System.Buffers;
using System.Globalization;
using System.Text;

namespace FeedSync.Normalisation;

/// <summary>
/// Control characters (C0, DEL, C1) and invisible Unicode format characters (category Cf, such as a zero-width
/// space or a right-to-left override), which can disguise an id or a host name.
/// </summary>
internal static class InvisibleCharacters
{
    private static readonly SearchValues<char> All = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(code => (char)code).Where(IsInvisible)]);

    /// <summary>Returns the index of the first invisible character in <paramref name="text"/>, or -1.</summary>
    public static int IndexIn(ReadOnlySpan<char> text) => text.IndexOfAny(All);

    /// <summary>Returns a copy of <paramref name="text"/> with each invisible character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (IsInvisible(character))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}");
                continue;
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }

    private static bool IsInvisible(char character) =>
        char.IsControl(character) || char.GetUnicodeCategory(character) == UnicodeCategory.Format;
}
