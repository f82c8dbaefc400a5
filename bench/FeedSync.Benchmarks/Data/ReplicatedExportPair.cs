using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedSync.ThreatFox;

namespace FeedSync.Benchmarks.Data;

/// <summary>
/// The real before/after export pair, replicated to any number of indicators. Copy <c>k</c> of the pair keeps every
/// field of every record (kind, family, threat type, tags, confidence, first and last seen) and only gives each
/// distinct IOC value a new value of the same kind, unique to the copy. So the generated feeds have exactly the real
/// mix of kinds and families, the real share of values that join, leave or only move their last-seen time between
/// the two downloads, and the real values reported under two families.
/// </summary>
public sealed class ReplicatedExportPair
{
    /// <summary>The id offset between copies; real ThreatFox ids are far below it.</summary>
    private const long CopyIdOffset = 100_000_000;

    private readonly IReadOnlyList<ThreatFoxRecord> before;
    private readonly IReadOnlyList<ThreatFoxRecord> after;
    private readonly Dictionary<(string? Type, string? Value), int> valueIndex;

    private ReplicatedExportPair(IReadOnlyList<ThreatFoxRecord> before, IReadOnlyList<ThreatFoxRecord> after)
    {
        this.before = before;
        this.after = after;

        // Values of the newer export come first, so that a partial copy of N values covers N values of the newer feed.
        valueIndex = [];
        foreach (var record in after.Concat(before))
        {
            valueIndex.TryAdd(Key(record), valueIndex.Count);
        }

        AfterValues = after.Select(Key).Distinct().Count();
    }

    /// <summary>The records of the older real export.</summary>
    public IReadOnlyList<ThreatFoxRecord> RealBefore => before;

    /// <summary>The records of the newer real export.</summary>
    public IReadOnlyList<ThreatFoxRecord> RealAfter => after;

    /// <summary>The distinct IOC values of the newer export: how many one copy adds to the newer feed.</summary>
    public int AfterValues { get; }

    /// <summary>The distinct IOC values of both exports together.</summary>
    public int AllValues => valueIndex.Count;

    /// <summary>Reads both real exports.</summary>
    public static async Task<ReplicatedExportPair> LoadAsync(CancellationToken cancellationToken = default) =>
        new(await ReadAsync(SharedExports.BeforePath, cancellationToken), await ReadAsync(SharedExports.AfterPath, cancellationToken));

    /// <summary>
    /// Returns the older and the newer feed replicated until the newer one holds <paramref name="values"/> distinct
    /// IOC values: whole copies, then the first values of one more copy, with the values that only the older export
    /// has cut in the same proportion.
    /// </summary>
    public (List<ThreatFoxRecord> Before, List<ThreatFoxRecord> After) Replicate(int values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values, 1);

        var wholeCopies = values / AfterValues;
        var remainder = values % AfterValues;
        var beforeOnly = AllValues - AfterValues;
        var partialLimit = remainder + (int)Math.Round((double)remainder / AfterValues * beforeOnly);
        var copies = wholeCopies + (remainder > 0 ? 1 : 0);

        var replicatedBefore = new List<ThreatFoxRecord>((int)((long)before.Count * copies));
        var replicatedAfter = new List<ThreatFoxRecord>((int)((long)after.Count * copies));
        for (var copy = 0; copy < copies; copy++)
        {
            var limit = copy < wholeCopies ? int.MaxValue : partialLimit;
            AddCopy(before, copy, limit, replicatedBefore);
            AddCopy(after, copy, limit, replicatedAfter);
        }

        return (replicatedBefore, replicatedAfter);
    }

    /// <summary>Describes the mix of IOC types and the ten largest families of the newer export, with record counts.</summary>
    public string DescribeDistribution()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{after.Count} records, {AfterValues} distinct values. Types: ");
        text.AppendJoin(", ", after.GroupBy(record => record.IocType).OrderByDescending(group => group.Count())
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count()}")));
        text.Append(". Largest families: ");
        text.AppendJoin(", ", after.GroupBy(record => record.Malware).OrderByDescending(group => group.Count()).Take(10)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count()}")));
        text.Append(CultureInfo.InvariantCulture, $" ({after.Select(record => record.Malware).Distinct().Count()} families in all).");
        return text.ToString();
    }

    private void AddCopy(IReadOnlyList<ThreatFoxRecord> source, int copy, int limit, List<ThreatFoxRecord> target)
    {
        foreach (var record in source)
        {
            var index = valueIndex[Key(record)];
            if (index >= limit)
            {
                continue;
            }

            target.Add(record with
            {
                Id = (copy * CopyIdOffset) + record.Id,
                IocValue = SyntheticValue(record.IocType, record.IocValue, (copy * (long)AllValues) + index, copy),
            });
        }
    }

    private static (string? Type, string? Value) Key(ThreatFoxRecord record) => (record.IocType, record.IocValue);

    /// <summary>
    /// Returns a value of the same kind as <paramref name="value"/> that no other copy or value gets: an IPv4 address
    /// numbered by <paramref name="number"/> with the real port, the real domain or URL with the copy in front of its
    /// host, or a hash of the same length.
    /// </summary>
    private static string? SyntheticValue(string? type, string? value, long number, int copy)
    {
        if (value is null)
        {
            return null;
        }

        return type switch
        {
            "ip:port" => $"{Address(number)}:{value[(value.LastIndexOf(':') + 1)..]}",
            "domain" => string.Create(CultureInfo.InvariantCulture, $"c{copy}-{value}"),
            "url" => SyntheticUrl(value, number, copy),
            _ => SyntheticHash(value, copy),
        };
    }

    private static string Address(long number) => string.Create(CultureInfo.InvariantCulture,
        $"{11 + (number >> 24)}.{(number >> 16) & 0xFF}.{(number >> 8) & 0xFF}.{number & 0xFF}");

    private static string SyntheticUrl(string value, long number, int copy)
    {
        var hostStart = value.IndexOf("://", StringComparison.Ordinal);
        if (hostStart < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"c{copy}-{value}");
        }

        hostStart += 3;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value[..hostStart]}c{copy}-{value[hostStart..]}");
        }

        // An address host gets a new address; the port, path and query stay as they were.
        var authorityEnd = value.IndexOfAny(['/', '?', '#'], hostStart);
        var authority = authorityEnd < 0 ? value[hostStart..] : value[hostStart..authorityEnd];
        var portStart = authority.LastIndexOf(':');
        var port = portStart > authority.LastIndexOf(']') ? authority[portStart..] : string.Empty;
        var rest = authorityEnd < 0 ? string.Empty : value[authorityEnd..];
        return string.Concat(value.AsSpan(0, hostStart), Address(number), port, rest);
    }

    private static string SyntheticHash(string value, int copy)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{copy}:{value}"));
        var digest = Convert.ToHexStringLower(value.Length > 64 ? SHA512.HashData(bytes) : SHA256.HashData(bytes));
        return digest[..Math.Min(value.Length, digest.Length)];
    }

    private static async Task<List<ThreatFoxRecord>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ThreatFoxFeedReader.OpenAsync(stream, path, cancellationToken);
        var records = new List<ThreatFoxRecord>();
        await foreach (var record in reader.ReadRecordsAsync(cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }
}
