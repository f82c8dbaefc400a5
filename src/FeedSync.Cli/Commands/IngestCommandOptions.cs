using System.CommandLine;
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

    /// <summary>The indicator kinds <c>--kind</c> accepts, for messages.</summary>
    public const string KindList = "ip, domain, url, md5, sha1, sha256, sha3_384";

    public IngestCommandOptions()
    {
        Source.NotBlank("the path of a ThreatFox file, or 'threatfox' for the live API");
        Days.WholeNumber(1, 7);
        Kinds.ValuesFromList(KindNames.Keys, $"one of {KindList}");
        ThreatTypes.ValuesFromList(IocTypes.KnownThreatTypes, $"one of {IocTypes.KnownThreatTypeList}");
        Families.ValuesFromList(accepted: null, "a malware family id, name or alias");
        MinConfidence.WholeNumber(0, 100);
        MaxAge.Age();
        AsOf.Iso8601Time();
        Output.OneOf("text", "json");
    }

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
        Description = $"Keep only these indicator kinds: {KindList}. Repeat the option or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> ThreatTypes { get; } = new("--threat-type")
    {
        Description = $"Keep only these ThreatFox threat types: {IocTypes.KnownThreatTypeList}. Repeat the option or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int?> MinConfidence { get; } = new("--min-confidence")
    {
        Description = "Keep only records with at least this ThreatFox confidence, 0 to 100.",
    };

    public Option<string[]> Families { get; } = new("--family")
    {
        Description = "Keep only these malware families, by ThreatFox id (win.remcos), printable name (Remcos) or alias; case-insensitive. Repeat the option or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<TimeSpan?> MaxAge { get; } = new("--max-age")
    {
        Description = "Keep only records active within this age: a number with d, h or m (7d, 12h, 30m) or a TimeSpan (1.12:00:00).",
    };

    public Option<DateTimeOffset?> AsOf { get; } = new("--as-of")
    {
        Description = "The time --max-age is measured back from: an ISO 8601 date and time such as 2026-05-27T00:00:00Z, UTC when it has no offset (default: now).",
    };

    public Option<string> Output { get; } = new("--output")
    {
        Description = "The output format: text (a summary) or json (one document with the counts, every indicator and every reject).",
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Source, Days, Kinds, ThreatTypes, MinConfidence, Families, MaxAge, AsOf, Output })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Returns the output format the command line selects.</summary>
    public IngestOutputFormat GetFormat(ParseResult parseResult) =>
        string.Equals(parseResult.GetValue(Output), "json", StringComparison.OrdinalIgnoreCase) ? IngestOutputFormat.Json : IngestOutputFormat.Text;

    /// <summary>Creates the request; options given on the command line override the configured defaults.</summary>
    public IngestRequest CreateRequest(ParseResult parseResult, IngestionOptions defaults)
    {
        var configured = defaults.ToFilter();
        var kinds = SplitValues(parseResult.GetValue(Kinds));
        var threatTypes = SplitValues(parseResult.GetValue(ThreatTypes));
        var families = SplitValues(parseResult.GetValue(Families));

        var filter = configured with
        {
            Kinds = kinds.Count > 0 ? kinds.Select(kind => KindNames[kind]).ToHashSet() : configured.Kinds,
            ThreatTypes = threatTypes.Count > 0 ? new HashSet<string>(threatTypes, StringComparer.OrdinalIgnoreCase) : configured.ThreatTypes,
            MinConfidence = parseResult.GetValue(MinConfidence) ?? configured.MinConfidence,
            Families = families.Count > 0 ? families : configured.Families,
            MaxAge = parseResult.GetValue(MaxAge) ?? configured.MaxAge,
        };

        return new IngestRequest
        {
            Source = parseResult.GetRequiredValue(Source),
            Days = parseResult.GetValue(Days) ?? defaults.Days,
            Filter = filter,
            AsOf = parseResult.GetValue(AsOf),
        };
    }

    private static List<string> SplitValues(string[]? values) => (values ?? [])
        .SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .ToList();
}
