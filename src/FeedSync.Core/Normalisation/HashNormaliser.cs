namespace FeedSync.Normalisation;

/// <summary>Normalises file hashes: trimmed, lower-cased, and checked for their kind's hex length.</summary>
internal static class HashNormaliser
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Returns the number of hex digits of a hash kind.</summary>
    public static int HexLength(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Md5 => 32,
        IndicatorKind.Sha1 => 40,
        IndicatorKind.Sha256 => 64,
        IndicatorKind.Sha3_384 => 96,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a hash kind."),
    };

    /// <summary>Normalises <paramref name="value"/> as a hash of <paramref name="kind"/>; on failure <paramref name="detail"/> explains the problem.</summary>
    public static bool TryNormalise(string value, IndicatorKind kind, out string canonical, out string detail)
    {
        canonical = string.Empty;
        detail = string.Empty;
        var text = value.AsSpan().Trim();
        var expected = HexLength(kind);
        if (text.Length != expected)
        {
            detail = $"'{text}' has {text.Length} characters; a {kind} hash has {expected} hex digits";
            return false;
        }

        var invalid = text.IndexOfAnyExcept(HexDigits);
        if (invalid >= 0)
        {
            detail = $"'{text}' contains '{text[invalid]}', which is not a hex digit";
            return false;
        }

        canonical = text.ContainsAnyInRange('A', 'F') ? text.ToString().ToLowerInvariant() : text.Length == value.Length ? value : text.ToString();
        return true;
    }
}
