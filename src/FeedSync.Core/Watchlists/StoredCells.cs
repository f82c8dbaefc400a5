using System.Buffers;
using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// Compares stored watchlist cells with the text that <see cref="IndicatorRowMapper.ToColumns"/> writes, without
/// building that text. A method returns true only when the cell is certainly that text. False means "not proven":
/// the cell may differ, or be in a form that these checks do not read, so the caller must build the row instead.
/// </summary>
internal static class StoredCells
{
    /// <summary>The most items a list cell may have to be proven unchanged here; a longer list is left to the caller.</summary>
    private const int MaxListItems = 64;

    /// <summary>The most ThreatFox ids read on the stack; a longer id list uses a pooled buffer.</summary>
    private const int StackIds = 64;

    /// <summary>The characters <see cref="char.IsControl(char)"/> accepts, which cleaning turns into spaces.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters());

    /// <summary>The characters that list-item cleaning replaces: control characters and the list separator.</summary>
    private static readonly SearchValues<char> ListItemReplacements = SearchValues.Create(ControlCharacters() + WatchlistColumns.ListSeparator);

    /// <summary>
    /// Returns whether <paramref name="cell"/> is the free-text cell of <paramref name="text"/>: control characters
    /// written as spaces, and a leading apostrophe when the result starts with a formula character.
    /// </summary>
    public static bool MatchesFreeText(string cell, string text)
    {
        var marked = text.Length > 0 && FormulaInjection.IsTrigger(CleanTextCharacter(text[0])) ? 1 : 0;
        if (cell.Length != text.Length + marked || (marked == 1 && cell[0] != '\''))
        {
            return false;
        }

        var stored = cell.AsSpan(marked);
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return stored.SequenceEqual(text);
        }

        for (var index = 0; index < text.Length; index++)
        {
            if (stored[index] != CleanTextCharacter(text[index]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns whether a free-text cell reads back through <see cref="FormulaInjection.Restore"/> and is written again
    /// unchanged: it has no control character, and it starts with a formula character only behind the apostrophe.
    /// </summary>
    public static bool IsCanonicalFreeText(string cell) =>
        !cell.AsSpan().ContainsAny(Controls) && (cell.Length == 0 || !FormulaInjection.IsTrigger(cell[0]));

    /// <summary>Returns whether <paramref name="cell"/> is <paramref name="value"/> written in the invariant culture.</summary>
    public static bool MatchesNumber(string cell, int value)
    {
        Span<char> text = stackalloc char[11];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            && cell.AsSpan().SequenceEqual(text[..written]);
    }

    /// <summary>
    /// Returns whether <paramref name="cell"/> is a number that <see cref="int.TryParse(string, NumberStyles, IFormatProvider, out int)"/>
    /// with <see cref="NumberStyles.None"/> reads and <see cref="int.ToString(IFormatProvider)"/> writes back unchanged:
    /// digits only, no leading zero, at most <see cref="int.MaxValue"/>.
    /// </summary>
    public static bool IsCanonicalNumber(string cell) =>
        cell.Length is > 0 and <= 10
        && (cell.Length == 1 || cell[0] != '0')
        && !cell.AsSpan().ContainsAnyExceptInRange('0', '9')
        && long.Parse(cell, NumberStyles.None, CultureInfo.InvariantCulture) <= int.MaxValue;

    /// <summary>Returns whether <paramref name="cell"/> is <paramref name="id"/> in the <c>D</c> format.</summary>
    public static bool MatchesGuid(string cell, Guid id)
    {
        Span<char> text = stackalloc char[36];
        return cell.Length == 36 && id.TryFormat(text, out _, "D") && cell.AsSpan().SequenceEqual(text);
    }

    /// <summary>
    /// Returns whether the <see cref="WatchlistColumns.MalwareIds"/> and <see cref="WatchlistColumns.Malware"/> cells
    /// read back as parallel lists, distinct ids and as many names, that are written again unchanged.
    /// </summary>
    public static bool IsCanonicalFamilies(string idsCell, string namesCell) =>
        TryReadList(idsCell, distinct: true, out _, out var idCount)
        && TryReadList(namesCell, distinct: false, out _, out var nameCount)
        && nameCount == idCount;

    /// <summary>
    /// Returns whether the family cells are canonical (see <see cref="IsCanonicalFamilies"/>) and the ids contain the
    /// cleaned id of every family in <paramref name="families"/>, or <see cref="MalwareFamily.Unknown"/> when there is none.
    /// </summary>
    public static bool ContainsFamilies(string idsCell, string namesCell, IReadOnlyList<MalwareFamily> families)
    {
        if (!TryReadList(idsCell, distinct: true, out var ids, out var idCount)
            || !TryReadList(namesCell, distinct: false, out _, out var nameCount)
            || nameCount != idCount)
        {
            return false;
        }

        if (families.Count == 0)
        {
            return ContainsCleanedItem(ids, MalwareFamily.Unknown.Id);
        }

        for (var index = 0; index < families.Count; index++)
        {
            if (!ContainsCleanedItem(ids, families[index].Id))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns whether a <see cref="WatchlistColumns.Tags"/> cell reads back as a list that is written again unchanged
    /// and contains the cleaned form of every tag in <paramref name="tags"/>.
    /// </summary>
    public static bool ContainsTags(string cell, IReadOnlyList<string> tags)
    {
        if (!TryReadList(cell, distinct: true, out var list, out _))
        {
            return false;
        }

        for (var index = 0; index < tags.Count; index++)
        {
            if (!ContainsCleanedItem(list, tags[index]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns whether a <see cref="WatchlistColumns.ThreatFoxIds"/> cell is written as the mapper writes ids
    /// (distinct non-negative decimal numbers, ascending, separated by <c>;</c>) and contains every id in
    /// <paramref name="ids"/>.
    /// </summary>
    public static bool ContainsIds(string cell, IReadOnlyList<long> ids)
    {
        if (cell.Length == 0)
        {
            return ids.Count == 0;
        }

        var count = cell.AsSpan().Count(WatchlistColumns.ListSeparator[0]) + 1;
        long[]? rented = null;
        var stored = count <= StackIds ? stackalloc long[count] : (rented = ArrayPool<long>.Shared.Rent(count)).AsSpan(0, count);

        try
        {
            if (!TryReadIds(cell, stored))
            {
                return false;
            }

            for (var index = 0; index < ids.Count; index++)
            {
                if (ids[index] < 0 || stored.BinarySearch(ids[index]) < 0)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Reads a list cell that is written again unchanged: after <see cref="FormulaInjection.Restore"/>, items separated
    /// by <c>;</c>, each non-empty and without control characters or surrounding white space, and with
    /// <paramref name="distinct"/> no item twice. Returns the restored list text and the number of items.
    /// </summary>
    private static bool TryReadList(string cell, bool distinct, out ReadOnlySpan<char> list, out int count)
    {
        list = default;
        count = 0;

        var restored = cell.Length > 1 && cell[0] == '\'' && FormulaInjection.IsTrigger(cell[1]);
        if (!restored && cell.Length > 0 && FormulaInjection.IsTrigger(cell[0]))
        {
            return false;
        }

        var text = restored ? cell.AsSpan(1) : cell.AsSpan();
        if (text.IsEmpty)
        {
            return true;
        }

        if (text.ContainsAny(Controls))
        {
            return false;
        }

        foreach (var range in text.Split(WatchlistColumns.ListSeparator[0]))
        {
            var item = text[range];
            if (item.IsEmpty || char.IsWhiteSpace(item[0]) || char.IsWhiteSpace(item[^1]) || ++count > MaxListItems)
            {
                return false;
            }

            var start = range.Start.GetOffset(text.Length);
            if (distinct && start > 0 && ContainsItem(text[..(start - 1)], item))
            {
                return false;
            }
        }

        list = text;
        return true;
    }

    private static bool ContainsItem(ReadOnlySpan<char> list, ReadOnlySpan<char> item)
    {
        foreach (var range in list.Split(WatchlistColumns.ListSeparator[0]))
        {
            if (list[range].SequenceEqual(item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns whether the cleaned form of a feed list item (control characters as spaces, <c>;</c> as <c>,</c>,
    /// trimmed) is an item of <paramref name="list"/>. An item that cleans to nothing is never written, so it counts as contained.
    /// </summary>
    private static bool ContainsCleanedItem(ReadOnlySpan<char> list, string item)
    {
        var raw = item.AsSpan();
        if (!raw.ContainsAny(ListItemReplacements))
        {
            var trimmed = raw.Trim();
            return trimmed.IsEmpty || ContainsItem(list, trimmed);
        }

        var start = 0;
        var end = raw.Length;
        while (start < end && char.IsWhiteSpace(CleanListCharacter(raw[start])))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(CleanListCharacter(raw[end - 1])))
        {
            end--;
        }

        var source = raw[start..end];
        if (source.IsEmpty)
        {
            return true;
        }

        foreach (var range in list.Split(WatchlistColumns.ListSeparator[0]))
        {
            if (EqualsCleaned(list[range], source))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EqualsCleaned(ReadOnlySpan<char> stored, ReadOnlySpan<char> source)
    {
        if (stored.Length != source.Length)
        {
            return false;
        }

        for (var index = 0; index < source.Length; index++)
        {
            if (stored[index] != CleanListCharacter(source[index]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadIds(ReadOnlySpan<char> text, Span<long> ids)
    {
        var count = 0;
        foreach (var range in text.Split(WatchlistColumns.ListSeparator[0]))
        {
            var item = text[range];
            if (item.IsEmpty
                || (item.Length > 1 && item[0] == '0')
                || item.ContainsAnyExceptInRange('0', '9')
                || !long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || (count > 0 && id <= ids[count - 1]))
            {
                return false;
            }

            ids[count++] = id;
        }

        return true;
    }

    private static char CleanTextCharacter(char character) => char.IsControl(character) ? ' ' : character;

    private static char CleanListCharacter(char character) =>
        character == WatchlistColumns.ListSeparator[0] ? ',' : CleanTextCharacter(character);

    private static string ControlCharacters()
    {
        var characters = new List<char>();
        for (var character = '\0'; character < '\u00A0'; character++)
        {
            if (char.IsControl(character))
            {
                characters.Add(character);
            }
        }

        return new string([.. characters]);
    }
}
