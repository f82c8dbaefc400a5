using System.Globalization;
using FeedSync.Normalisation;
using FeedSync.Sync;
using FeedSync.Watchlists;
using FeedSync.Workspace;

namespace FeedSync.Tests.Sync;

/// <summary>
/// A seeded random watchlist diff: feed indicators, the stored rows of one watchlist, the run's time and the sync
/// settings. About half of the stored rows are exactly what a previous sync wrote, and the rest come from an older
/// report of the indicator, a different granularity or retention, or carry a corrupted cell. Values, families, tags,
/// threat types and references include list separators, control characters, formula triggers and apostrophes.
/// </summary>
internal sealed class GeneratedDiffCase
{
    private static readonly DateTimeOffset BaseTime = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    private static readonly MalwareFamily[] Families =
    [
        new("win.remcos", "Remcos", ["RemcosRAT"]),
        new("win.asyncrat", "AsyncRAT", []),
        MalwareFamily.Unknown,
        new(" win.spaced ", " Spaced ", []),
        new("win.semi;colon", "Semi;Colon", []),
        new("=cmd", "=Cmd", []),
        new("'=quoted", "'=Quoted", []),
        new("win.ctrl\u0001", "Ctrl\u0007", []),
        new(string.Empty, "Empty id", []),
        new("win.noname", string.Empty, []),
        new("-2+3", "@SUM(1)", []),
        new("win.unicode-é中文", "Ünïcode", []),
    ];

    private static readonly string[] Tags =
        ["RAT", "Remcos", "rat", " spaced ", string.Empty, "a;b", "=1+1", "'=x", "line\nbreak", "\t", "'plain", "dup", "dup", "é"];

    private static readonly string[] ThreatTypes = ["botnet_cc", "payload_delivery", "=cmd", "'=x", "ctrl\u0002", string.Empty, "\tlead", "-x"];

    private static readonly string?[] References =
        [null, string.Empty, "https://example.org/r", "=HYPERLINK(\"x\")", "'=x", "ctrl\r\nline", "@x", "https://example.org/r2"];

    private static readonly string[] Columns = [.. WatchlistColumns.All, "SearchKey"];

    private readonly Random random;

    private GeneratedDiffCase(int seed, int identities)
    {
        random = new Random(seed);
        AsOf = BaseTime.AddMinutes(random.Next(-600, 600));
        Options = new SyncOptions
        {
            Granularity = Pick([TimeSpan.FromDays(1), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)]),
            Retention = new SyncRetentionOptions
            {
                Ip = TimeSpan.FromDays(Pick([7, 30, 60])),
                Domain = TimeSpan.FromDays(Pick([30, 90])),
                Url = TimeSpan.FromDays(Pick([30, 90])),
                FileHash = TimeSpan.FromDays(Pick([90, 365])),
            },
        };

        Build(identities);
    }

    /// <summary>The feed's indicators, shuffled, with a few identities reported twice.</summary>
    public List<Indicator> Feed { get; } = [];

    /// <summary>The watchlist's rows, shuffled: managed, duplicated, unreadable and unmanaged ones.</summary>
    public List<WatchlistRow> Rows { get; } = [];

    /// <summary>The time that expiry is evaluated at.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The granularity and retention of the run.</summary>
    public SyncOptions Options { get; }

    /// <summary>Creates the case of <paramref name="seed"/> with about <paramref name="identities"/> distinct indicators.</summary>
    public static GeneratedDiffCase Create(int seed, int identities) => new(seed, identities);

    private void Build(int identities)
    {
        for (var number = 0; number < identities; number++)
        {
            var current = NewIndicator(number);
            var inFeed = random.NextDouble() < 0.75;
            if (inFeed)
            {
                Feed.Add(current);
                if (random.NextDouble() < 0.03)
                {
                    Feed.Add(Reported(current));
                }
            }

            var stored = random.NextDouble() < 0.8 ? StoredColumns(current, inFeed) : null;
            if (stored is null)
            {
                if (random.NextDouble() < 0.05)
                {
                    Rows.Add(new WatchlistRow(IndicatorIds.For(current), new Dictionary<string, string> { [WatchlistColumns.Indicator] = "analyst row" }));
                }

                continue;
            }

            var deterministic = random.NextDouble() < 0.5;
            Rows.Add(new WatchlistRow(deterministic ? IndicatorIds.For(current) : NewGuid(), Corrupt(stored)));
            if (random.NextDouble() < 0.06)
            {
                Rows.Add(new WatchlistRow(NewGuid(), Corrupt(new Dictionary<string, string>(stored))));
            }
        }

        Shuffle(Feed);
        Shuffle(Rows);
    }

    /// <summary>Returns the columns a sync stored for <paramref name="current"/>: its own, an older report's, or the merge of both.</summary>
    private Dictionary<string, string> StoredColumns(Indicator current, bool inFeed)
    {
        var granularity = random.NextDouble() < 0.8 ? Options.Granularity : TimeSpan.FromHours(6);
        var retention = random.NextDouble() < 0.8 ? Options.RetentionFor(current.Kind) : TimeSpan.FromDays(14);
        var older = IndicatorRowMapper.FromIndicator(Reported(current), granularity, retention);
        var row = random.Next(3) switch
        {
            0 => IndicatorRowMapper.FromIndicator(current, granularity, retention),
            1 => older,
            _ => IndicatorRowMapper.Merge(older, IndicatorRowMapper.FromIndicator(current, granularity, retention), granularity, retention),
        };

        if (inFeed && random.NextDouble() < 0.5 && IndicatorRowMapper.TryParse(IndicatorRowMapper.ToColumns(row), out var parsed))
        {
            // What the previous sync of this same feed left: the merged row under the run's own settings.
            var fresh = IndicatorRowMapper.FromIndicator(current, Options.Granularity, Options.RetentionFor(current.Kind));
            row = IndicatorRowMapper.Merge(parsed, fresh, Options.Granularity, Options.RetentionFor(current.Kind));
        }

        return new Dictionary<string, string>(IndicatorRowMapper.ToColumns(row), StringComparer.Ordinal);
    }

    private Indicator NewIndicator(int number)
    {
        var kind = Pick(Enum.GetValues<IndicatorKind>());
        var value = kind switch
        {
            IndicatorKind.Ip => string.Create(CultureInfo.InvariantCulture, $"10.{number / 65_536 % 256}.{number / 256 % 256}.{number % 256}"),
            IndicatorKind.Domain => random.NextDouble() < 0.05 ? "=evil.example" : string.Create(CultureInfo.InvariantCulture, $"d{number}.example"),
            IndicatorKind.Url => random.NextDouble() < 0.05 ? string.Create(CultureInfo.InvariantCulture, $"http://u{number}.example/a;b=c\u0001") : string.Create(CultureInfo.InvariantCulture, $"http://u{number}.example/p?q={number}"),
            _ => Convert.ToHexStringLower(BitConverter.GetBytes((long)number * 7_919)) + (kind == IndicatorKind.Md5 ? "0000000000000000" : new string('a', 24)),
        };

        if (random.NextDouble() < 0.01)
        {
            value = string.Empty;
        }

        var firstSeen = AsOf - TimeSpan.FromDays(random.Next(0, 500)) - TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerDay));
        DateTimeOffset? lastSeen = random.NextDouble() < 0.2
            ? null
            : firstSeen + TimeSpan.FromTicks(random.NextInt64(Math.Max(1, (AsOf - firstSeen).Ticks + TimeSpan.TicksPerHour)));

        return new Indicator
        {
            Kind = kind,
            Value = value,
            Port = kind == IndicatorKind.Ip && random.NextDouble() < 0.8 ? Pick([443, 8080, 0, 2414, -1]) : null,
            OriginalValue = value,
            Families = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(Families))],
            ThreatType = Pick(ThreatTypes),
            Confidence = Pick([0, 50, 75, 100, 100, -1]),
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Tags = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => Pick(Tags))],
            Reference = Pick(References),
            ThreatFoxIds = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.NextDouble() < 0.02 ? -7L : random.Next(1, 60))],
        };
    }

    /// <summary>Returns another report of the same identity: earlier or later times and a different share of families, tags and ids.</summary>
    private Indicator Reported(Indicator indicator)
    {
        var shift = TimeSpan.FromHours(random.Next(-72, 72)) + TimeSpan.FromSeconds(random.Next(0, 3_600));
        return indicator with
        {
            Families = random.NextDouble() < 0.5 ? indicator.Families : [.. indicator.Families.Where(_ => random.NextDouble() < 0.5).Append(Pick(Families))],
            ThreatType = random.NextDouble() < 0.8 ? indicator.ThreatType : Pick(ThreatTypes),
            Confidence = random.NextDouble() < 0.8 ? indicator.Confidence : Pick([25, 50, 75]),
            FirstSeen = random.NextDouble() < 0.5 ? indicator.FirstSeen : indicator.FirstSeen + shift,
            LastSeen = random.NextDouble() < 0.5 ? indicator.LastSeen : (indicator.LastSeen ?? indicator.FirstSeen) + shift,
            Tags = random.NextDouble() < 0.5 ? indicator.Tags : [.. indicator.Tags.Reverse().Where(_ => random.NextDouble() < 0.7).Append(Pick(Tags))],
            Reference = random.NextDouble() < 0.8 ? indicator.Reference : Pick(References),
            ThreatFoxIds = random.NextDouble() < 0.5 ? indicator.ThreatFoxIds : [.. indicator.ThreatFoxIds.Where(_ => random.NextDouble() < 0.6).Append(random.Next(1, 60))],
        };
    }

    /// <summary>Corrupts about a third of the rows in one or two cells, the way a hand edit or an older FeedSync could have.</summary>
    private Dictionary<string, string> Corrupt(Dictionary<string, string> columns)
    {
        if (random.NextDouble() >= 0.35)
        {
            return columns;
        }

        var count = random.Next(1, 3);
        for (var step = 0; step < count; step++)
        {
            var column = Pick(Columns);
            var value = columns.GetValueOrDefault(column) ?? string.Empty;
            switch (random.Next(7))
            {
                case 0:
                    columns.Remove(column);
                    break;
                case 1:
                    columns[column] = CorruptedValue(column, value);
                    break;
                case 2:
                    columns[column] = value.Length > 1 && value[0] == '\'' ? value[1..] : "'" + value;
                    break;
                case 3:
                    columns[column] = " " + value;
                    break;
                case 4:
                    columns[column] = value.ToUpperInvariant();
                    break;
                case 5:
                    columns[column] = value.Replace(";", " ; ", StringComparison.Ordinal) + ";";
                    break;
                default:
                    columns[column] = value + "\u0003";
                    break;
            }
        }

        return columns;
    }

    private string CorruptedValue(string column, string value) => column switch
    {
        WatchlistColumns.Port or WatchlistColumns.Confidence => Pick(["0" + value, "+5", string.Empty, "abc", "99999999999", "-3"]),
        WatchlistColumns.IndicatorId => Pick(["{" + value + "}", "not-a-guid", value.Replace("-", string.Empty, StringComparison.Ordinal)]),
        WatchlistColumns.FirstSeen or WatchlistColumns.LastSeen or WatchlistColumns.ExpiresOn =>
            Pick([value.Replace("Z", ".000Z", StringComparison.Ordinal), value.Replace('T', ' '), "garbage", "0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
                IndicatorRowMapper.FormatTime(AsOf.AddDays(random.Next(-400, 400))), IndicatorRowMapper.FormatTime(AsOf.AddSeconds(random.Next(-90_000, 90_000)))]),
        WatchlistColumns.ThreatFoxIds => Pick(["5;3", "05", " 5", "-3;4", "99999999999999999999", "1;;2", "1;1", value + ";0"]),
        WatchlistColumns.MalwareIds or WatchlistColumns.Malware or WatchlistColumns.Tags =>
            Pick([string.Join(';', value.Split(';').Reverse()), value + ";" + value, "=x;" + value, string.Empty, value + ";extra"]),
        WatchlistColumns.IndicatorType => Pick(["IP", "unknown-kind", "sha256", "domain"]),
        WatchlistColumns.Indicator => Pick([string.Empty, value + "x", value.ToUpperInvariant()]),
        WatchlistColumns.ManagedBy => Pick(["feedsync", "Analyst", string.Empty]),
        _ => Pick(["=x", "'=x", "x\u0001", "'x", string.Empty]),
    };

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void Shuffle<T>(List<T> items)
    {
        for (var index = items.Count - 1; index > 0; index--)
        {
            var other = random.Next(index + 1);
            (items[index], items[other]) = (items[other], items[index]);
        }
    }
}
