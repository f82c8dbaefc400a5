namespace FeedSync.Watchlists;

/// <summary>
/// Neutralises spreadsheet formulas in free-text cells: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return gets a leading apostrophe, as the OWASP guidance on CSV injection advises,
/// so that a watchlist exported and opened in a spreadsheet shows the text instead of running it.
/// </summary>
internal static class FormulaInjection
{
    private const char Marker = '\'';

    /// <summary>Returns <paramref name="cell"/> with a leading apostrophe when it starts with a formula character.</summary>
    public static string Neutralise(string cell) => StartsWithTrigger(cell, 0) ? Marker + cell : cell;

    /// <summary>Removes the apostrophe that <see cref="Neutralise"/> added, when present.</summary>
    public static string Restore(string cell) =>
        cell.Length > 1 && cell[0] == Marker && StartsWithTrigger(cell, 1) ? cell[1..] : cell;

    /// <summary>Returns whether a cell that starts with <paramref name="character"/> gets the leading apostrophe.</summary>
    public static bool IsTrigger(char character) => character is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool StartsWithTrigger(string cell, int index) => cell.Length > index && IsTrigger(cell[index]);
}
