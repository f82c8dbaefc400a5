using System.CommandLine;
using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Cli.Commands;

/// <summary>The options of <c>feedsync ingest</c> and their conversion into an <see cref="IngestRequest"/>.</summary>
internal sealed class IngestCommandOptions
{
    private static readonly Dictionary<string, IndicatorKind> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ip"] = IndicatorKind.Ip,
        ["ip:port"] = IndicatorKind.Ip,
        ["domain"] = IndicatorKind.Domain,
        ["url"] = IndicatorKind.Url,
        ["md5"] = IndicatorKind.Md5,
        ["sha1"] = IndicatorKind.Sha1,
        ["sha256"] = IndicatorKind.Sha256,
        ["sha3_384"] = IndicatorKind.Sha3_384,
        ["sha3-384"] = IndicatorKind.Sha3_384,
    };

    public Option<string> Source { get; } = new("--source")
    {
        Description = "The file to read (export JSON or CSV, API response, NDJSON, or a ZIP of one), or 'threatfox' for the live API.",
        Required = true,
    };

    public Option<int?> Days { get; } = new("--days")
    {
        Description = "For --source threatfox: how many days back to read, 1 to 7 (default: FeedSync:Ingestion:Days, else 1).",
    };

    public Option<string[]> Kinds { get; } = new("--kind")
    {
        Description = "Keep only these indicator kinds: ip, domain, url, md5, sha1, sha256, sha3_384. Repeat the option or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> ThreatTypes { get; } = new("--threat-type")
    {
        Description = "Keep only these ThreatFox threat types, such as botnet_cc or payload_delivery.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int?> MinConfidence { get; } = new("--min-confidence")
    {
        Description = "Keep only records with at least this ThreatFox confidence, 0 to 100.",
    };

    public Option<string[]> Families { get; } = new("--family")
    {
        Description = "Keep only these malware families, by ThreatFox id (win.remcos), printable name (Remcos) or alias; case-insensitive.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> MaxAge { get; } = new("--max-age")
    {
        Description = "Keep only records active within this age: a number with d, h or m (7d, 12h, 30m) or a TimeSpan (1.12:00:00).",
    };

    public Option<DateTimeOffset?> AsOf { get; } = new("--as-of")
    {
        Description = "The time --max-age is measured back from, ISO 8601 (default: now).",
    };

    public Option<string> Output { get; } = new("--output")
    {
        Description = "The output format: text (a summary) or json (one document with counts, indicators and rejects).",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Output.AcceptOnlyFromAmong("text", "json");
        foreach (var option in new Option[] { Source, Days, Kinds, ThreatTypes, MinConfidence, Families, MaxAge, AsOf, Output })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Returns the output format the command line selects.</summary>
    public IngestOutputFormat GetFormat(ParseResult parseResult) =>
        string.Equals(parseResult.GetValue(Output), "json", StringComparison.OrdinalIgnoreCase) ? IngestOutputFormat.Json : IngestOutputFormat.Text;

    /// <summary>Creates the request; options given on the command line override the configured defaults.</summary>
    /// <exception cref="IngestUsageException">An option value is invalid.</exception>
    public IngestRequest CreateRequest(ParseResult parseResult, IngestionOptions defaults)
    {
        var configured = defaults.ToFilter();
        var kinds = SplitValues(parseResult.GetValue(Kinds));
        var threatTypes = SplitValues(parseResult.GetValue(ThreatTypes));
        var families = SplitValues(parseResult.GetValue(Families));
        var maxAge = parseResult.GetValue(MaxAge);

        var filter = configured with
        {
            Kinds = kinds.Count > 0 ? kinds.Select(ParseKind).ToHashSet() : configured.Kinds,
            ThreatTypes = threatTypes.Count > 0 ? new HashSet<string>(threatTypes, StringComparer.OrdinalIgnoreCase) : configured.ThreatTypes,
            MinConfidence = ValidateConfidence(parseResult.GetValue(MinConfidence)) ?? configured.MinConfidence,
            Families = families.Count > 0 ? families : configured.Families,
            MaxAge = maxAge is null ? configured.MaxAge : ParseAge(maxAge),
        };

        return new IngestRequest
        {
            Source = parseResult.GetRequiredValue(Source),
            Days = ValidateDays(parseResult.GetValue(Days) ?? defaults.Days),
            Filter = filter,
            AsOf = parseResult.GetValue(AsOf),
        };
    }

    /// <summary>Parses an age: <c>7d</c>, <c>12h</c>, <c>30m</c>, or a TimeSpan such as <c>1.12:00:00</c>.</summary>
    internal static TimeSpan ParseAge(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && double.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (char.ToLowerInvariant(trimmed[^1]))
            {
                case 'd':
                    return TimeSpan.FromDays(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
                case 'm':
                    return TimeSpan.FromMinutes(amount);
                default:
                    break;
            }
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new IngestUsageException($"--max-age '{text}' is not a positive age; use a number with d, h or m (7d, 12h, 30m) or a TimeSpan (1.12:00:00).");
    }

    private static IndicatorKind ParseKind(string name) => KindNames.TryGetValue(name, out var kind)
        ? kind
        : throw new IngestUsageException($"--kind '{name}' is not an indicator kind; use ip, domain, url, md5, sha1, sha256 or sha3_384.");

    private static int? ValidateConfidence(int? confidence) => confidence is null or (>= 0 and <= 100)
        ? confidence
        : throw new IngestUsageException($"--min-confidence {confidence} is out of range; use 0 to 100.");

    private static int ValidateDays(int days) => days is >= 1 and <= 7
        ? days
        : throw new IngestUsageException($"--days {days} is out of range; ThreatFox's get_iocs query reads 1 to 7 days.");

    private static List<string> SplitValues(string[]? values) => (values ?? [])
        .SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .ToList();
}
