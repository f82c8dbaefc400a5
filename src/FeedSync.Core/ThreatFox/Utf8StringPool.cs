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

        var hash = new HashCode();
        hash.AddBytes(utf8);
        ref var entry = ref table[hash.ToHashCode() & (TableSize - 1)];
        if (entry.Bytes is { } bytes && utf8.SequenceEqual(bytes))
        {
            return entry.Value!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), value);
        return value;
    }

    private readonly record struct Entry(byte[]? Bytes, string? Value);
}
