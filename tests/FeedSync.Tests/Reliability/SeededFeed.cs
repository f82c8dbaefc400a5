using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedSync.Normalisation;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// The feed of one seeded fault run as it evolves over three syncs: the first faulty run sees part of it, the second
/// faulty run six hours later sees all of it, and the final clean run eleven days and eighteen hours after that sees
/// the latest activity. Only last-seen times move and indicators only join, as between two real ThreatFox exports.
/// </summary>
/// <remarks>
/// Some IP indicators were last active 40 days before the final run: inside their 30-day retention at the faulty
/// runs (28 days old), past it at the final run. Every other indicator was active at most 20 days before the final
/// run. So which indicators belong in the watchlists at the end is known by construction, far from any rounding edge.
/// </remarks>
internal sealed class SeededFeed
{
    private static readonly MalwareFamily[] Families =
    [
        new("win.remcos", "Remcos", ["RemcosRAT"]),
        new("win.cobalt_strike", "Cobalt Strike", ["Agentemis", "BEACON"]),
        new("elf.mirai", "Mirai", []),
        new("win.asyncrat", "AsyncRAT", []),
        MalwareFamily.Unknown,
    ];

    private readonly List<(Indicator Final, bool InFirstRun, bool Expires)> indicators = [];

    /// <summary>When the final clean run evaluates expiry.</summary>
    public static readonly DateTimeOffset FinalAsOf = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    /// <summary>When the first faulty run evaluates expiry.</summary>
    public static readonly DateTimeOffset FirstAsOf = FinalAsOf - TimeSpan.FromDays(12);

    /// <summary>When the second faulty run evaluates expiry.</summary>
    public static readonly DateTimeOffset SecondAsOf = FirstAsOf + TimeSpan.FromHours(6);

    public SeededFeed(int seed, int count)
    {
        var random = new Random(seed);
        for (var index = 0; index < count; index++)
        {
            var expires = index % 7 == 3;
            var lastSeen = expires
                ? FinalAsOf - TimeSpan.FromDays(40)
                : FinalAsOf - TimeSpan.FromMinutes(random.Next(60, 20 * 24 * 60));
            var kind = expires ? IndicatorKind.Ip : (IndicatorKind)random.Next(0, 6);
            indicators.Add((Create(seed, index, kind, lastSeen, random), InFirstRun: random.NextDouble() < 0.7, expires));
        }
    }

    /// <summary>The indicators the first faulty run reads: most of them, active at most until its as-of time.</summary>
    public IReadOnlyList<Indicator> FirstRun => [.. indicators.Where(entry => entry.InFirstRun).Select(entry => Clip(entry.Final, FirstAsOf))];

    /// <summary>The indicators the second faulty run reads: all of them, active at most until its as-of time.</summary>
    public IReadOnlyList<Indicator> SecondRun => [.. indicators.Select(entry => Clip(entry.Final, SecondAsOf))];

    /// <summary>The indicators the final clean run reads.</summary>
    public IReadOnlyList<Indicator> FinalRun => [.. indicators.Select(entry => entry.Final)];

    /// <summary>The indicators that must be in the watchlists after the final run.</summary>
    public IReadOnlyList<Indicator> Expected => [.. indicators.Where(entry => !entry.Expires).Select(entry => entry.Final)];

    /// <summary>The number of indicators past their retention at the final run.</summary>
    public int ExpiredCount => indicators.Count(entry => entry.Expires);

    private static Indicator Clip(Indicator indicator, DateTimeOffset asOf) =>
        indicator.LastSeen > asOf - TimeSpan.FromHours(1) ? indicator with { LastSeen = asOf - TimeSpan.FromHours(1) } : indicator;

    private static Indicator Create(int seed, int index, IndicatorKind kind, DateTimeOffset lastSeen, Random random)
    {
        var (value, port) = ValueOf(seed, index, kind);
        var family = Families[random.Next(Families.Length)];
        var earliest = lastSeen < FirstAsOf - TimeSpan.FromHours(1) ? lastSeen : FirstAsOf - TimeSpan.FromHours(1);
        return new Indicator
        {
            Kind = kind,
            Value = value,
            Port = port,
            OriginalValue = port is null ? value : string.Create(CultureInfo.InvariantCulture, $"{value}:{port}"),
            Families = [family],
            ThreatType = random.NextDouble() < 0.7 ? "botnet_cc" : "payload_delivery",
            Confidence = random.NextDouble() < 0.5 ? 100 : 75,
            FirstSeen = earliest - TimeSpan.FromMinutes(random.Next(0, 10 * 24 * 60)),
            LastSeen = lastSeen,
            Tags = random.NextDouble() < 0.5 ? [family.Name, "c2"] : [],
            Reference = random.NextDouble() < 0.3 ? "https://bazaar.abuse.ch/sample/" + index.ToString(CultureInfo.InvariantCulture) : null,
            ThreatFoxIds = [1_800_000L + (seed * 100L) + index],
        };
    }

    private static (string Value, int? Port) ValueOf(int seed, int index, IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ip => (string.Create(CultureInfo.InvariantCulture, $"10.{seed % 250}.{index / 250}.{(index % 250) + 1}"), 443 + (index % 3)),
        IndicatorKind.Domain => (string.Create(CultureInfo.InvariantCulture, $"c2-{seed}-{index}.example.net"), null),
        IndicatorKind.Url => (string.Create(CultureInfo.InvariantCulture, $"http://files-{seed}.example.org/{index}/payload.bin"), null),
        _ => (Hash(kind, string.Create(CultureInfo.InvariantCulture, $"{seed}/{index}")), null),
    };

    /// <summary>Returns a hash-shaped value of the kind's length: the SHA-256 of the text, cut to 32 or 40 digits for MD5 and SHA-1.</summary>
    private static string Hash(IndicatorKind kind, string text)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return kind switch
        {
            IndicatorKind.Md5 => digest[..32],
            IndicatorKind.Sha1 => digest[..40],
            _ => digest,
        };
    }
}
