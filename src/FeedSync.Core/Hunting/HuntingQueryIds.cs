using System.Security.Cryptography;
using System.Text;

namespace FeedSync.Hunting;

/// <summary>
/// Creates the deterministic ids of hunting queries, so that republishing replaces a saved search in place.
/// </summary>
/// <remarks>
/// The id is a version 8 (custom) UUID as RFC 9562 section 5.8 allows: the first 16 bytes of the SHA-256 hash of
/// the UTF-8 name <c>feedsync-hunting|{prefix}|{scope}|{table}|{variant}</c>, with the version and variant bits set.
/// </remarks>
internal static class HuntingQueryIds
{
    /// <summary>Returns the id of the query of <paramref name="scopeKey"/> over <paramref name="table"/>.</summary>
    public static Guid For(string watchlistAliasPrefix, string scopeKey, string table, HuntingQueryVariant variant)
    {
        var name = string.Join('|', "feedsync-hunting", watchlistAliasPrefix.ToLowerInvariant(), scopeKey, table, variant.ToString());
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);

        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }
}
