using System.Globalization;
using System.Text;
using FeedSync.Normalisation;
using FeedSync.Watchlists;

namespace FeedSync.Hunting;

/// <summary>
/// Writes the readable rule document of a scope in Markdown: what the rule detects and why to hunt, an IOC summary,
/// the defanged indicators, the KQL queries, the tables with their data connectors, and the false-positive scenarios
/// with their filters. Every value from the feed or the configuration is escaped by <see cref="MarkdownText"/>.
/// </summary>
internal static class RuleDocumentWriter
{
    private const int MaxTagsShown = 30;

    /// <summary>Returns the Markdown document of <paramref name="content"/>, lines separated by <c>\n</c>.</summary>
    public static string Write(HuntingFamilyContent content)
    {
        ArgumentNullException.ThrowIfNull(content);

        var document = new StringBuilder();
        document.Append("# ").Append(MarkdownText.Escape(content.Title)).Append("\n\n");
        document.Append(Purpose(content)).Append("\n\n");
        AppendSummary(document, content);
        AppendIndicators(document, content);
        AppendQueries(document, content);
        AppendConnectors(document, content);
        AppendFalsePositives(document, content);
        return document.ToString().TrimEnd('\n') + "\n";
    }

    private static string Purpose(HuntingFamilyContent content)
    {
        var tables = TablesOf(content).Select(table => table.Name).ToList();
        var subject = content.Family is { } family
            ? $"{MarkdownText.Escape(HuntingContentBuilder.DisplayNameOf(family))} malware"
            : "the malware families in the ThreatFox feed";
        var count = content.Indicators.Count.ToString(CultureInfo.InvariantCulture);
        return $"Detects possible activity of {subject} in Microsoft Sentinel by matching {JoinWords(tables)} records against the {count} indicators of compromise that abuse.ch ThreatFox lists. "
            + "A match means that a device reached, resolved or stored known attacker infrastructure or files. "
            + "Hunt for it to find early compromises before data is exfiltrated or the attacker gains persistence.";
    }

    private static void AppendSummary(StringBuilder document, HuntingFamilyContent content)
    {
        document.Append("## IOC summary\n\n| Field | Value |\n|---|---|\n");
        if (content.Family is { } family)
        {
            Row(document, "Malware family", $"{MarkdownText.Escape(HuntingContentBuilder.DisplayNameOf(family))} ({MarkdownText.Code(family.Id, inTable: true)})");
            if (family.Aliases.Count > 0)
            {
                Row(document, "Aliases", CodeList(family.Aliases, family.Aliases.Count));
            }
        }
        else
        {
            var families = content.Indicators.SelectMany(indicator => indicator.Families).DistinctBy(FamilyKeys.Of).Count();
            Row(document, "Malware families", families.ToString(CultureInfo.InvariantCulture));
        }

        Row(document, "Total IOCs", content.Indicators.Count.ToString(CultureInfo.InvariantCulture));
        Row(document, "IOC types", MarkdownText.Escape(HuntingDescriptions.KindSummary(content.Indicators)));

        var addresses = content.Indicators.Where(indicator => indicator.Kind == IndicatorKind.Ip)
            .Select(indicator => Defang.Address(indicator.Value, port: null))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (addresses.Count > 0)
        {
            Row(document, "Distinct addresses", CodeList(addresses, addresses.Count));
        }

        var threatTypes = content.Indicators.Select(indicator => indicator.ThreatType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Row(document, "Threat types", CodeList(threatTypes, threatTypes.Count));

        var tags = content.Indicators.SelectMany(indicator => indicator.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (tags.Count > 0)
        {
            Row(document, "Tags", CodeList(tags, MaxTagsShown));
        }

        Row(document, "MITRE ATT&CK tactics", string.Join(", ", content.Tactics));
        Row(document, "MITRE ATT&CK techniques", string.Join(", ", content.Techniques));
        document.Append('\n');
    }

    private static void AppendIndicators(StringBuilder document, HuntingFamilyContent content)
    {
        document.Append("## Indicators\n\nValues are defanged: `[.]` stands for a dot and `hxxp` for `http`.\n\n");
        document.Append("| Type | Value | Threat type | First seen | Confidence |\n|---|---|---|---|---|\n");
        foreach (var indicator in content.Indicators)
        {
            document.Append(CultureInfo.InvariantCulture, $"| {IndicatorGroups.ThreatFoxTypeOf(indicator)} | {MarkdownText.Code(Defang.Value(indicator), inTable: true)} | {MarkdownText.Code(indicator.ThreatType, inTable: true)} | {indicator.FirstSeen.UtcDateTime:yyyy-MM-dd} | {indicator.Confidence}% |\n");
        }

        document.Append('\n');
    }

    private static void AppendQueries(StringBuilder document, HuntingFamilyContent content)
    {
        document.Append("## Queries\n\n");
        document.Append(content.Style == HuntingQueryStyle.Watchlist
            ? $"The queries read the indicators from the FeedSync watchlists ({string.Join(", ", WatchlistAliasesOf(content))}), so they follow every sync without being republished.\n\n"
            : "The queries list their indicators inline, so they run in any workspace but show the indicators of the day they were written.\n\n");
        foreach (var query in content.Queries)
        {
            document.Append("### ").Append(MarkdownText.Escape(query.Name)).Append("\n\n");
            document.Append(MarkdownText.Escape(query.Description)).Append("\n\n");
            document.Append(MarkdownText.CodeBlock(query.Query, "kusto")).Append("\n\n");
        }
    }

    private static void AppendConnectors(StringBuilder document, HuntingFamilyContent content)
    {
        document.Append("## Tables and data connectors\n\n| Table | Data connectors | Note |\n|---|---|---|\n");
        foreach (var table in TablesOf(content))
        {
            var connectors = string.Join(", ", table.Connectors.Select(connector => $"{connector.DisplayName} (`{connector.ConnectorId}`)"));
            document.Append(CultureInfo.InvariantCulture, $"| {table.Name} | {connectors} | {table.ConnectorNote} |\n");
        }

        document.Append('\n');
    }

    private static void AppendFalsePositives(StringBuilder document, HuntingFamilyContent content)
    {
        document.Append("## False-positive scenarios\n\n");
        if (content.Exclusions.Count == 0)
        {
            document.Append("No exclusion profile is enabled, so the queries exclude nothing.\n");
            return;
        }

        document.Append("Each scenario is an exclusion profile that the queries apply as a KQL filter, on the tables that have the fields it needs. An exclusion also hides any true positive it matches, so review the lists for your environment.\n\n");
        var tables = TablesOf(content);
        var number = 1;
        foreach (var profile in content.Exclusions)
        {
            document.Append(CultureInfo.InvariantCulture, $"### {number++}. {MarkdownText.Escape(profile.Name)}\n\n");
            document.Append("Scenario: ").Append(MarkdownText.Escape(profile.Scenario)).Append("\n\n");
            document.Append("Filter: excludes events ").Append(FilterSentence(profile)).Append(".\n\n");

            var notApplied = new List<string>();
            foreach (var table in tables)
            {
                if (HuntingQueryComposer.ExclusionClause(table, profile) is not { } clause)
                {
                    notApplied.Add(table.Name);
                    continue;
                }

                document.Append(CultureInfo.InvariantCulture, $"{table.Name}:\n\n");
                document.Append(MarkdownText.CodeBlock(clause, "kusto")).Append("\n\n");
            }

            if (notApplied.Count > 0)
            {
                document.Append(CultureInfo.InvariantCulture, $"Not applied to {JoinWords(notApplied)}, which {(notApplied.Count == 1 ? "has" : "have")} none of the fields the filter needs.\n\n");
            }
        }
    }

    private static string FilterSentence(ExclusionProfile profile)
    {
        var parts = new List<string>();
        AddPart(parts, "whose acting or parent process is", profile.ProcessNames);
        AddPart(parts, "whose process runs as", profile.AccountNames);
        AddPart(parts, "whose process or file folder starts with", profile.FolderPaths);
        AddPart(parts, "whose command line has", profile.CommandLineTerms);
        AddPart(parts, "that passed the network interface", profile.NetworkInterfaces);
        return parts.Count == 0 ? "nothing" : string.Join(", or ", parts);
    }

    private static void AddPart(List<string> parts, string phrase, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var codes = string.Join(", ", values.Select(value => MarkdownText.Code(value, inTable: false)));
        parts.Add(values.Count == 1 ? $"{phrase} {codes}" : $"{phrase} one of {codes}");
    }

    private static List<HuntingTable> TablesOf(HuntingFamilyContent content) =>
        [.. HuntingTables.All.Where(table => content.Queries.Any(query => query.Table == table.Name))];

    private static IEnumerable<string> WatchlistAliasesOf(HuntingFamilyContent content) =>
        content.Indicators
            .Where(indicator => IndicatorGroups.Of(indicator.Kind) is not null)
            .Select(indicator => indicator.Kind)
            .Distinct()
            .Order()
            .Select(kind => $"`{WatchlistAliases.For(kind, content.WatchlistAliasPrefix)}`")
            .Distinct(StringComparer.Ordinal);

    private static void Row(StringBuilder document, string field, string value) =>
        document.Append(CultureInfo.InvariantCulture, $"| {field} | {value} |\n");

    private static string CodeList(IReadOnlyList<string> values, int max)
    {
        var shown = string.Join(", ", values.Take(max).Select(value => MarkdownText.Code(value, inTable: true)));
        return values.Count > max ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {values.Count - max} more") : shown;
    }

    private static string JoinWords(List<string> words, string conjunction = "and") => words.Count switch
    {
        0 => string.Empty,
        1 => words[0],
        2 => $"{words[0]} {conjunction} {words[1]}",
        _ => $"{string.Join(", ", words.Take(words.Count - 1))}, {conjunction} {words[^1]}",
    };
}
