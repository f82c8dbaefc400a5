using System.Text;
using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>
/// Computes the key that identifies a malware family in the watchlists' <c>MalwareIds</c> column, in saved-search
/// tags and in deterministic ids.
/// </summary>
/// <remarks>
/// The sync writes each id as a list item: control characters become spaces, the list separator <c>;</c> becomes
/// a comma, and surrounding white space is trimmed. A cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or
/// <c>@</c> gets a leading apostrophe against spreadsheet formulas. The queries lower-case the cell and remove
/// ASCII white space before they split it on <c>;</c>, so the key is the list item lower-cased without that
/// white space, and a key that starts with a formula character is also compared with the apostrophe.
/// </remarks>
internal static class FamilyKeys
{
    /// <summary>The key of the feed-wide scope, which no family id can produce.</summary>
    public const string FeedWide = "*";

    private const string KqlWhiteSpace = " \t\n\f\r";

    /// <summary>Returns the key of <paramref name="family"/>.</summary>
    public static string Of(MalwareFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);

        var listItem = new string([.. family.Id.Select(character => char.IsControl(character) ? ' ' : character)])
            .Replace(';', ',')
            .Trim();
        var key = new StringBuilder(listItem.Length);
        foreach (var character in listItem.Where(character => !KqlWhiteSpace.Contains(character, StringComparison.Ordinal)))
        {
            key.Append(char.ToLowerInvariant(character));
        }

        return key.Length > 0 ? key.ToString() : MalwareFamily.Unknown.Id;
    }

    /// <summary>Returns the forms of <paramref name="key"/> that a <c>MalwareIds</c> item can take.</summary>
    public static IReadOnlyList<string> CellFormsOf(string key) =>
        key.Length > 0 && key[0] is '=' or '+' or '-' or '@' ? [key, "'" + key] : [key];
}
