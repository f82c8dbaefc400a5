using System.Globalization;

namespace FeedSync.Normalisation;

/// <summary>
/// Normalises host names: lower-cased, trailing dot removed, internationalised names converted to punycode
/// (IDNA 2008 via <see cref="IdnMapping"/>), then checked label by label.
/// </summary>
/// <remarks>
/// Labels may contain underscores: DNS allows them and malware infrastructure uses them, although host names
/// in the strict sense (RFC 952) do not. A name needs at least two labels and a top-level label that is not
/// all digits, so an IP address is never taken for a domain.
/// </remarks>
internal static class HostNameNormaliser
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;
    private const int MaxStackLength = 256;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>
    /// Normalises <paramref name="value"/>; on failure <paramref name="detail"/> explains the problem. A value
    /// that is already canonical is returned as the same instance.
    /// </summary>
    public static bool TryNormalise(string value, out string canonical, out string detail) =>
        TryNormalise(value, value, out canonical, out detail);

    /// <summary>Normalises <paramref name="value"/>; on failure <paramref name="detail"/> explains the problem.</summary>
    public static bool TryNormalise(ReadOnlySpan<char> value, out string canonical, out string detail) =>
        TryNormalise(value, null, out canonical, out detail);

    private static bool TryNormalise(ReadOnlySpan<char> value, string? whole, out string canonical, out string detail)
    {
        canonical = string.Empty;
        var text = value.Trim();
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            detail = "the host name is empty";
            return false;
        }

        // Zero-width and bidirectional format characters would be encoded into punycode that looks like an
        // ordinary name when decoded, so a name that contains one is rejected before conversion.
        var invisible = InvisibleCharacters.IndexIn(text);
        if (invisible >= 0)
        {
            detail = string.Create(CultureInfo.InvariantCulture, $"the host name has the invisible character U+{(int)text[invisible]:X4} at position {invisible + 1}");
            return false;
        }

        if (!TryToAscii(text, whole, out var ascii, out detail))
        {
            return false;
        }

        if (!IsValidAsciiName(ascii, out detail))
        {
            return false;
        }

        canonical = ascii;
        return true;
    }

    /// <summary>Returns the Unicode form of a punycode name, or null when the name has no punycode label.</summary>
    public static string? ToDisplayName(string canonical)
    {
        if (!canonical.Contains("xn--", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Idn.GetUnicode(canonical);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryToAscii(ReadOnlySpan<char> text, string? whole, out string ascii, out string detail)
    {
        detail = string.Empty;
        if (!System.Text.Ascii.IsValid(text))
        {
            var mapped = MapWidthAndDots(text);
            if (!IsComposed(mapped, out detail))
            {
                ascii = string.Empty;
                return false;
            }

            try
            {
                // Lower-casing first applies the case folding of UTS #46, which IdnMapping skips when
                // globalization is invariant.
                ascii = Idn.GetAscii(mapped.ToLowerInvariant());
            }
            catch (ArgumentException exception)
            {
                ascii = string.Empty;
                detail = $"'{text}' cannot be converted to punycode: {exception.Message}";
                return false;
            }
        }
        else
        {
            ascii = LowerAscii(text, whole);
        }

        ascii = LowerAscii(ascii, ascii);
        if (ascii.Contains("xn--", StringComparison.Ordinal) && ToDisplayName(ascii) is null)
        {
            detail = $"'{ascii}' has a punycode label that does not decode";
            return false;
        }

        return true;
    }

    private static bool IsValidAsciiName(string name, out string detail)
    {
        detail = string.Empty;
        if (name.Length > MaxNameLength)
        {
            detail = $"the name is {name.Length} characters long; at most {MaxNameLength} are allowed";
            return false;
        }

        var labelCount = 0;
        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan()[range];
            if (!IsValidLabel(label, out detail))
            {
                detail = $"'{name}' {detail}";
                return false;
            }

            labelCount++;
        }

        var topLevel = name.AsSpan()[(name.LastIndexOf('.') + 1)..];
        if (labelCount < 2 || topLevel.IndexOfAnyExceptInRange('0', '9') < 0)
        {
            detail = $"'{name}' is not a domain name: it needs at least two labels and a top-level label that is not a number";
            return false;
        }

        return true;
    }

    private static bool IsValidLabel(ReadOnlySpan<char> label, out string detail)
    {
        detail = string.Empty;
        if (label.IsEmpty || label.Length > MaxLabelLength)
        {
            detail = $"has a label of {label.Length} characters; labels are 1 to {MaxLabelLength} characters";
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not '-' and not '_')
            {
                detail = $"contains the character '{c}', which host names do not allow";
                return false;
            }
        }

        if (label[0] == '-' || label[^1] == '-')
        {
            detail = $"has the label '{label}', which starts or ends with a hyphen";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Applies two mappings of UTS #46 that invariant globalization lacks: full-width forms become ASCII
    /// (<c>ｅｘａｍｐｌｅ</c> becomes <c>example</c>) and the ideographic full stops become dots.
    /// </summary>
    // NOTE: the other compatibility mappings of UTS #46, such as NFKC of ligatures, are not applied here. Names
    // that need them keep their characters or are rejected by IsComposed.
    private static string MapWidthAndDots(ReadOnlySpan<char> text)
    {
        var mapped = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            mapped[i] = c switch
            {
                '\u3002' or '\uFF0E' or '\uFF61' => '.',
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                _ => c,
            };
        }

        return new string(mapped);
    }

    /// <summary>
    /// Returns false for a name that punycode would encode into a label no resolver matches. One case is a
    /// combining mark after an ASCII letter or digit: a decomposed accent, whose composed form NFC requires.
    /// The other is a letter number such as the Roman numeral Ⅸ, which IDNA 2008 disallows.
    /// </summary>
    private static bool IsComposed(string text, out string detail)
    {
        detail = string.Empty;
        for (var i = 0; i < text.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            var decomposed = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                && i > 0 && char.IsAscii(text[i - 1]) && char.IsAsciiLetterOrDigit(text[i - 1]);
            if (decomposed || category == UnicodeCategory.LetterNumber)
            {
                detail = string.Create(CultureInfo.InvariantCulture, $"'{text}' has U+{(int)text[i]:X4} at position {i + 1}, which IDNA maps or disallows; write the name in composed form (NFC) without compatibility characters");
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns <paramref name="text"/> with ASCII letters lower-cased: <paramref name="whole"/> itself when it
    /// spells the same text without an upper-case letter, so that a canonical value costs no copy.
    /// </summary>
    private static string LowerAscii(ReadOnlySpan<char> text, string? whole)
    {
        if (!text.ContainsAnyInRange('A', 'Z'))
        {
            return whole is not null && whole.Length == text.Length ? whole : text.ToString();
        }

        if (text.Length > MaxStackLength)
        {
            return text.ToString().ToLowerInvariant();
        }

        Span<char> lower = stackalloc char[MaxStackLength];
        System.Text.Ascii.ToLower(text, lower, out var written);
        return new string(lower[..written]);
    }
}
