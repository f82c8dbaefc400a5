using FeedSync.Normalisation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeedSync.Hunting;

/// <summary>
/// Builds the hunting queries of the configured malware families and of the whole feed: one query per table that
/// can match the kinds of indicators present, plus an address-only variant where IP indicators have ports.
/// </summary>
public sealed class HuntingContentBuilder
{
    private const int MaxDisplayNameLength = 100;

    private readonly HuntingOptions options;
    private readonly IReadOnlyList<ExclusionProfile> exclusions;
    private readonly ILogger logger;

    /// <summary>Creates a builder with validated options.</summary>
    public HuntingContentBuilder(IOptions<HuntingOptions> options, ILogger<HuntingContentBuilder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        this.options = options.Value;
        exclusions = ExclusionProfiles.Resolve(this.options);
        this.logger = logger ?? NullLogger<HuntingContentBuilder>.Instance;
    }

    /// <summary>
    /// Builds the content of the configured families and, when enabled, of the whole feed. Pass the indicators
    /// the watchlists hold after the sync, so that a family whose indicators left this run's feed window keeps
    /// its queries.
    /// </summary>
    public HuntingContent Build(IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);

        var scopes = new List<HuntingFamilyContent>();
        var withoutIndicators = new List<string>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Families)
        {
            var matched = ScopesOf(indicators, entry);
            if (matched.Count == 0)
            {
                Log.FamilyWithoutIndicators(logger, entry);
                withoutIndicators.Add(entry.Trim());
            }

            scopes.AddRange(matched.Where(scope => seenKeys.Add(scope.Key)).Select(BuildScope));
        }

        if (options.IncludeFeedWide)
        {
            var feedWide = new HuntingScope(FamilyKeys.FeedWide, null, NewestFirst(indicators));
            if (feedWide.Indicators.Count > 0)
            {
                scopes.Add(BuildScope(feedWide));
            }
            else
            {
                withoutIndicators.Add(FamilyKeys.FeedWide);
            }
        }

        var content = new HuntingContent
        {
            Scopes = scopes,
            ScopesWithoutIndicators = withoutIndicators,
            WatchlistAliasPrefix = options.WatchlistAliasPrefix,
        };
        Log.ContentBuilt(logger, scopes.Count, content.Queries.Count(), options.Style);
        return content;
    }

    /// <summary>
    /// Builds the content of every family that <paramref name="family"/> names by id, printable name or alias,
    /// whether configured or not. Returns an empty list when no indicator belongs to such a family.
    /// </summary>
    public IReadOnlyList<HuntingFamilyContent> BuildFamilies(IReadOnlyList<Indicator> indicators, string family)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentException.ThrowIfNullOrWhiteSpace(family);

        return [.. ScopesOf(indicators, family).Select(BuildScope)];
    }

    /// <summary>Returns the display name of a family: its printable name without control characters, or its id.</summary>
    internal static string DisplayNameOf(MalwareFamily family)
    {
        var name = PlainText(family.Name);
        if (name.Length == 0)
        {
            name = PlainText(family.Id);
        }

        return name.Length <= MaxDisplayNameLength ? name : string.Concat(name.AsSpan(0, MaxDisplayNameLength - 3), "...");
    }

    private static List<HuntingScope> ScopesOf(IReadOnlyList<Indicator> indicators, string entry)
    {
        var name = entry.Trim();
        var keys = indicators
            .SelectMany(indicator => indicator.Families)
            .Where(family => Names(family, name))
            .Select(family => (Key: FamilyKeys.Of(family), Family: family))
            .DistinctBy(match => match.Key)
            .ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var wanted = keys.Select(match => match.Key).ToHashSet(StringComparer.Ordinal);
        var members = new Dictionary<string, List<Indicator>>(StringComparer.Ordinal);
        foreach (var indicator in indicators)
        {
            foreach (var key in indicator.Families.Select(FamilyKeys.Of).Where(wanted.Contains).Distinct(StringComparer.Ordinal))
            {
                if (!members.TryGetValue(key, out var list))
                {
                    members[key] = list = [];
                }

                list.Add(indicator);
            }
        }

        return [.. keys.Select(match => new HuntingScope(match.Key, match.Family, NewestFirst(members[match.Key])))];
    }

    private static bool Names(MalwareFamily family, string name) =>
        string.Equals(family.Id.Trim(), name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(family.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)
        || family.Aliases.Any(alias => string.Equals(alias.Trim(), name, StringComparison.OrdinalIgnoreCase));

    private static List<Indicator> NewestFirst(IEnumerable<Indicator> indicators) =>
        [.. indicators.OrderByDescending(indicator => indicator.FirstSeen).ThenBy(indicator => indicator.IdentityKey, StringComparer.Ordinal)];

    /// <summary>Returns <paramref name="text"/> with every character that could hide or reorder text replaced by a space, trimmed.</summary>
    internal static string PlainText(string text) =>
        MarkdownText.WithoutHidden(text).Trim();

    private HuntingFamilyContent BuildScope(HuntingScope scope)
    {
        var title = scope.Family is { } family ? $"ThreatFox: {DisplayNameOf(family)} IOCs" : "ThreatFox: all IOCs";
        var tactics = AttackMapping.TacticsOf(scope);
        var techniques = AttackMapping.TechniquesOf(scope, (IEnumerable<string>?)options.RemoteAccessTrojanFamilies ?? AttackMapping.DefaultRemoteAccessTrojans);
        var present = scope.Indicators
            .Select(indicator => IndicatorGroups.Of(indicator.Kind))
            .OfType<IndicatorGroup>()
            .ToHashSet();
        var hasPorts = scope.Indicators.Any(indicator => indicator.Kind == IndicatorKind.Ip && indicator.Port is not null);

        var queries = new List<HuntingQuery>();
        foreach (var table in HuntingTables.All)
        {
            var groups = table.Groups.Where(present.Contains).ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            queries.Add(BuildQuery(scope, title, table, HuntingQueryVariant.Standard, groups, tactics, techniques));
            if (groups.Contains(IndicatorGroup.Address) && hasPorts && options.IncludeAddressOnlyVariants)
            {
                queries.Add(BuildQuery(scope, title, table, HuntingQueryVariant.AddressOnly, [IndicatorGroup.Address], tactics, techniques));
            }
        }

        return new HuntingFamilyContent
        {
            ScopeKey = scope.Key,
            Family = scope.Family,
            Title = title,
            Indicators = scope.Indicators,
            Queries = queries,
            Tactics = tactics,
            Techniques = techniques,
            Exclusions = exclusions,
            Style = options.Style,
            WatchlistAliasPrefix = options.WatchlistAliasPrefix,
        };
    }

    private HuntingQuery BuildQuery(
        HuntingScope scope,
        string title,
        HuntingTable table,
        HuntingQueryVariant variant,
        IReadOnlyList<IndicatorGroup> groups,
        IReadOnlyList<string> tactics,
        IReadOnlyList<string> techniques)
    {
        var plan = new QueryPlan(table, scope, variant, groups, options.Style, options.WatchlistAliasPrefix, options.InlineMaxIndicators, exclusions);
        var composed = HuntingQueryComposer.Compose(plan);
        var name = variant == HuntingQueryVariant.AddressOnly ? $"{title} ({table.Name}, address only)" : $"{title} ({table.Name})";
        if (composed.InlinedIndicators is { } inlined && inlined < composed.MatchableIndicators)
        {
            Log.InlineListTruncated(logger, name, inlined, composed.MatchableIndicators);
        }

        var output = HuntingQueryComposer.OutputColumns(table, groups);
        return new HuntingQuery
        {
            Id = HuntingQueryIds.For(options.WatchlistAliasPrefix, scope.Key, table.Name, variant),
            Name = name,
            Description = HuntingDescriptions.Of(scope, plan, composed),
            ScopeKey = scope.Key,
            Table = table.Name,
            Variant = variant,
            Style = options.Style,
            Query = composed.Text,
            Tactics = tactics,
            Techniques = techniques,
            Connectors = table.Connectors,
            EntityMappings = [.. table.Entities.Where(entity => output.Contains(entity.ColumnName))],
            AppliedExclusions = composed.AppliedExclusions,
            IndicatorCount = composed.MatchableIndicators,
            InlinedIndicatorCount = composed.InlinedIndicators,
        };
    }
}
