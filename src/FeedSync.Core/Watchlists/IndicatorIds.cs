using System.Buffers;
using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Watchlists;

/// <summary>
/// The deterministic ids of indicators: the version 5 UUID of <see cref="Indicator.IdentityKey"/> in a
/// FeedSync namespace. The id is stored in the <see cref="WatchlistColumns.IndicatorId"/> column and is the
/// item id of rows added one at a time, so a re-run after a crash finds the rows it already wrote.
/// </summary>
public static class IndicatorIds
{
    /// <summary>The UUID namespace of FeedSync indicator ids. Changing it would orphan every stored row.</summary>
    public static Guid Namespace { get; } = Guid.Parse("bbba55c0-c2b7-4167-80ec-92b0ed13d4c6");

    /// <summary>The longest identity key, in characters, that is written on the stack; longer ones use a pooled buffer.</summary>
    private const int StackKeyChars = 256;

    /// <summary>
    /// Returns the deterministic id of <paramref name="indicator"/>. It writes the text of
    /// <see cref="Indicator.IdentityKey"/> into a buffer instead of allocating the string, so the diff can compute
    /// the id of every feed indicator without garbage.
    /// </summary>
    public static Guid For(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        var kindName = IndicatorRowMapper.KindName(indicator.Kind);
        var maxLength = kindName.Length + 1 + indicator.Value.Length + (indicator.Port is null ? 0 : 12);
        char[]? rented = null;
        var key = maxLength <= StackKeyChars
            ? stackalloc char[maxLength]
            : (rented = ArrayPool<char>.Shared.Rent(maxLength));

        try
        {
            var length = WriteIdentityKey(indicator, kindName, key);
            return NameBasedGuid.Create(Namespace, key[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Returns the deterministic id of an indicator with the identity key <paramref name="identityKey"/>.</summary>
    public static Guid ForIdentityKey(string identityKey) => NameBasedGuid.Create(Namespace, identityKey);

    /// <summary>Writes <c>kind|value[|port]</c>, the text of <see cref="Indicator.IdentityKey"/>; returns its length.</summary>
    private static int WriteIdentityKey(Indicator indicator, string kindName, Span<char> destination)
    {
        kindName.CopyTo(destination);
        var length = kindName.Length;
        destination[length++] = '|';
        indicator.Value.CopyTo(destination[length..]);
        length += indicator.Value.Length;
        if (indicator.Port is not { } port)
        {
            return length;
        }

        destination[length++] = '|';
        port.TryFormat(destination[length..], out var written, provider: CultureInfo.InvariantCulture);
        return length + written;
    }

    /// <summary>
    /// Returns the item id to use when another row already holds <paramref name="indicatorId"/> as its item id:
    /// a second name-based UUID, so that the choice is still the same on every run.
    /// </summary>
    internal static Guid AlternateItemId(Guid indicatorId) => NameBasedGuid.Create(Namespace, $"item|{indicatorId:D}");
}
