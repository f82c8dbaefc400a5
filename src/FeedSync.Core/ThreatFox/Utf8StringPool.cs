using System.Buffers.Binary;
using System.Text;

namespace FeedSync.ThreatFox;

/// <summary>
/// Returns one string instance per distinct short UTF-8 value, so that fields with few distinct values (IOC
/// type, threat type, malware, reporter, tags) do not allocate a new string for every record. The pool is a
/// fixed-size table where a colliding value replaces the older one, so memory stays bounded whatever the input.
/// </summary>
internal sealed class Utf8StringPool
{
    /// <summary>Values longer than this are not pooled.</summary>
    public const int MaxPooledBytes = 96;

    private const int TableSize = 16384;

    private readonly Entry[] table = new Entry[TableSize];

    /// <summary>Returns the string of <paramref name="utf8"/>, from the pool when it was seen before.</summary>
    public string GetString(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var entry = ref table[SlotOf(utf8)];
        if (entry.Bytes is { } bytes && utf8.SequenceEqual(bytes))
        {
            return entry.Value!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    /// <summary>
    /// Hashes the length and the first, middle and last eight bytes. Values that differ elsewhere share a slot
    /// and replace each other, which costs an allocation, never a wrong string.
    /// </summary>
    private static int SlotOf(ReadOnlySpan<byte> utf8)
    {
        ulong first, middle, last;
        if (utf8.Length >= sizeof(ulong))
        {
            first = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            middle = BinaryPrimitives.ReadUInt64LittleEndian(utf8[((utf8.Length - sizeof(ulong)) / 2)..]);
            last = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]);
        }
        else
        {
            first = 0;
            foreach (var b in utf8)
            {
                first = (first << 8) | b;
            }

            middle = last = 0;
        }

        var mixed = ((first * 0x9E3779B97F4A7C15UL) ^ (middle * 0xC2B2AE3D27D4EB4FUL) ^ (last * 0x165667B19E3779F9UL)) + (ulong)utf8.Length;
        return (int)((mixed ^ (mixed >> 29)) * 0xBF58476D1CE4E5B9UL >> 50) & (TableSize - 1);
    }

    private readonly record struct Entry(byte[]? Bytes, string? Value);
}
