namespace FeedSync.Normalisation;

/// <summary>
/// Finds the position of an indicator by its identity (kind, canonical value and port) among the indicators of a
/// merger. It is an open-addressing table of hash codes and positions. It contains no object references, so the
/// garbage collector does not scan its contents, and a lookup reads one slot and its neighbours instead of a chain.
/// </summary>
/// <remarks>
/// Hash codes come from <see cref="string.GetHashCode()"/>, which is seeded at random per process, so a feed
/// cannot be crafted to make its values collide.
/// </remarks>
internal sealed class IndicatorIdentityTable
{
    private const int MinimumSlots = 16;

    private Slot[] slots;
    private int mask;
    private int count;

    /// <summary>Creates a table with room for <paramref name="capacity"/> identities before it grows.</summary>
    public IndicatorIdentityTable(int capacity)
    {
        slots = new Slot[SlotsFor(capacity)];
        mask = slots.Length - 1;
    }

    /// <summary>
    /// Returns the position stored for the identity, or adds <paramref name="position"/> for it and returns -1.
    /// <paramref name="indicators"/> resolves a stored position to the indicator whose identity it compares.
    /// </summary>
    public int GetOrAdd(IndicatorKind kind, string value, int port, int position, IReadOnlyList<Indicator> indicators)
    {
        var hash = HashOf(kind, value, port);
        var index = hash & mask;
        while (true)
        {
            ref var slot = ref slots[index];
            if (slot.PositionPlusOne == 0)
            {
                slot = new Slot(hash, position + 1);
                count++;
                GrowWhenFull();
                return -1;
            }

            if (slot.Hash == hash && IsIdentity(indicators[slot.PositionPlusOne - 1], kind, value, port))
            {
                return slot.PositionPlusOne - 1;
            }

            index = (index + 1) & mask;
        }
    }

    private static int HashOf(IndicatorKind kind, string value, int port) => HashCode.Combine(value.GetHashCode(), (int)kind, port);

    private static bool IsIdentity(Indicator indicator, IndicatorKind kind, string value, int port) =>
        indicator.Kind == kind && (indicator.Port ?? -1) == port && string.Equals(indicator.Value, value, StringComparison.Ordinal);

    /// <summary>Returns a power of two that keeps the table at most two-thirds full for <paramref name="capacity"/> identities.</summary>
    private static int SlotsFor(int capacity)
    {
        var slotsNeeded = Math.Max(MinimumSlots, (long)capacity * 3 / 2);
        return (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)slotsNeeded), 1 << 30);
    }

    private void GrowWhenFull()
    {
        if ((long)count * 3 <= (long)slots.Length * 2)
        {
            return;
        }

        if (slots.Length >= 1 << 30)
        {
            throw new InvalidOperationException($"The source has more than {count} distinct indicators, over the limit of one run. Split the source into smaller files.");
        }

        var old = slots;
        slots = new Slot[old.Length * 2];
        mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.PositionPlusOne == 0)
            {
                continue;
            }

            var index = slot.Hash & mask;
            while (slots[index].PositionPlusOne != 0)
            {
                index = (index + 1) & mask;
            }

            slots[index] = slot;
        }
    }

    /// <summary>A hash code and the 1-based position of its indicator. A position of 0 marks an empty slot.</summary>
    private readonly record struct Slot(int Hash, int PositionPlusOne);
}
