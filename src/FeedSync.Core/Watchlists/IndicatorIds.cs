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

    /// <summary>Returns the deterministic id of <paramref name="indicator"/>.</summary>
    public static Guid For(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        return ForIdentityKey(indicator.IdentityKey);
    }

    /// <summary>Returns the deterministic id of an indicator with the identity key <paramref name="identityKey"/>.</summary>
    public static Guid ForIdentityKey(string identityKey) => NameBasedGuid.Create(Namespace, identityKey);

    /// <summary>
    /// Returns the item id to use when another row already holds <paramref name="indicatorId"/> as its item id:
    /// a second name-based UUID, so that the choice is still the same on every run.
    /// </summary>
    internal static Guid AlternateItemId(Guid indicatorId) => NameBasedGuid.Create(Namespace, $"item|{indicatorId:D}");
}
