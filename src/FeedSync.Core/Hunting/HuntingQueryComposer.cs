using System.Globalization;
using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>
/// Writes the KQL text of one hunting query: the indicator lists, the table filter for each indicator group, the
/// false-positive exclusions, and the output columns newest first. Every value from the feed or the configuration
/// enters the text through <see cref="KqlLiteral"/>.
/// </summary>
internal static class HuntingQueryComposer
{
    /// <summary>Composes the query that <paramref name="plan"/> describes.</summary>
    public static ComposedQuery Compose(QueryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);

        var matchable = plan.Scope.Indicators
            .Where(indicator => IndicatorGroups.Of(indicator.Kind) is { } group && plan.Groups.Contains(group))
            .ToList();
        var inline = plan.Style == HuntingQueryStyle.Inline ? SelectInline(matchable, plan.InlineMaxIndicators) : null;

        var filter = new FilterBuilder(plan.Table, plan.Variant, inline);
        foreach (var group in plan.Groups)
        {
            filter.Add(group);
        }

        var lines = new List<string>();
        if (inline is not null && inline.Count < matchable.Count)
        {
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"// The inline lists hold the {inline.Count} most recently active of {matchable.Count} indicators; the watchlist style covers all of them."));
        }

        lines.AddRange(filter.Functions);
        lines.AddRange(inline is null
            ? KqlPrelude.FromWatchlists(filter.Lists, plan.Scope, plan.WatchlistAliasPrefix)
            : KqlPrelude.Inline(filter.Lists, inline));
        lines.Add(plan.Table.Name);
        lines.AddRange(filter.Extends);
        lines.Add("| where " + string.Join("\n    or ", filter.Conditions));

        var applied = new List<string>();
        foreach (var profile in plan.Exclusions)
        {
            if (ExclusionClause(plan.Table, profile) is { } clause)
            {
                lines.Add($"// False-positive exclusion profile: {profile.Name}");
                lines.Add(clause);
                applied.Add(profile.Name);
            }
        }

        lines.Add("| project " + string.Join(", ", OutputColumns(plan.Table, plan.Groups)));
        lines.Add($"| sort by {plan.Table.TimeColumn} desc");
        return new ComposedQuery(string.Join('\n', lines), applied, matchable.Count, inline?.Count);
    }

    /// <summary>
    /// Returns the <c>where not(...)</c> line of <paramref name="profile"/> for <paramref name="table"/>, or null
    /// when the table has none of the fields the profile filters on.
    /// </summary>
    public static string? ExclusionClause(HuntingTable table, ExclusionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(profile);

        var tests = new List<string>();
        foreach (var field in Enum.GetValues<ExclusionField>())
        {
            var values = profile.ValuesFor(field);
            if (values.Count == 0 || !table.ExclusionColumns.TryGetValue(field, out var columns))
            {
                continue;
            }

            tests.AddRange(columns.SelectMany(column => ExclusionTests(field, column, values)));
        }

        return tests.Count == 0 ? null : $"| where not({string.Join(" or ", tests)})";
    }

    /// <summary>Returns the output columns of a query over <paramref name="groups"/>, without repeats.</summary>
    public static IReadOnlyList<string> OutputColumns(HuntingTable table, IReadOnlyList<IndicatorGroup> groups) =>
        [.. table.Output
            .Where(column => column.OnlyWith is not { } group || groups.Contains(group))
            .Select(column => column.Name)
            .Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> ExclusionTests(ExclusionField field, string column, IReadOnlyList<string> values) => field switch
    {
        ExclusionField.FolderPath => values.Select(value => $"{column} startswith {KqlLiteral.Quote(value)}"),
        ExclusionField.CommandLine => [$"{column} has_any {KqlLiteral.List(values)}"],
        _ => [$"{column} in~ {KqlLiteral.List(values)}"],
    };

    /// <summary>Keeps the most recently active indicators, then the most confident, up to <paramref name="max"/>.</summary>
    private static List<Indicator> SelectInline(List<Indicator> matchable, int max) =>
        [.. matchable
            .OrderByDescending(indicator => indicator.LastActivity)
            .ThenByDescending(indicator => indicator.Confidence)
            .ThenBy(indicator => indicator.IdentityKey, StringComparer.Ordinal)
            .Take(max)];

    /// <summary>Collects the functions, lists, computed columns and conditions of a query's filter.</summary>
    private sealed class FilterBuilder(HuntingTable table, HuntingQueryVariant variant, IReadOnlyList<Indicator>? inline)
    {
        private readonly SortedSet<IocList> lists = [];
        private readonly List<string> functions = [];
        private readonly List<string> extends = [];
        private readonly List<string> conditions = [];

        public IReadOnlySet<IocList> Lists => lists;

        public IReadOnlyList<string> Functions => functions;

        public IReadOnlyList<string> Extends => extends;

        public IReadOnlyList<string> Conditions => conditions;

        public void Add(IndicatorGroup group)
        {
            if (inline is not null && !inline.Any(indicator => IndicatorGroups.Of(indicator.Kind) == group))
            {
                return;
            }

            switch (group)
            {
                case IndicatorGroup.Address:
                    foreach (var columns in table.Addresses)
                    {
                        AddAddress(columns);
                    }

                    break;
                case IndicatorGroup.Domain:
                    AddDomain(table.DomainColumn!);
                    break;
                case IndicatorGroup.Url:
                    AddFunction(KqlPrelude.UrlKeyFunction);
                    conditions.Add($"urlKey({table.UrlColumn}) in ({Use(IocList.UrlKeys)})");
                    break;
                case IndicatorGroup.FileHash:
                    AddHashes();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown indicator group.");
            }
        }

        private void AddAddress(AddressColumns columns)
        {
            var address = columns.Address;
            if (columns.MapsIPv4)
            {
                address = "Ioc" + columns.Address;
                extends.Add($"| extend {address} = iff({columns.Address} startswith '::ffff:', substring({columns.Address}, 7), {columns.Address})");
            }

            var inAddresses = $"{address} in ({Use(IocList.Addresses)})";
            if (variant == HuntingQueryVariant.AddressOnly)
            {
                conditions.Add(inAddresses);
                return;
            }

            var portTests = new List<string>();
            if (inline is null || inline.Any(indicator => indicator.Kind == IndicatorKind.Ip && indicator.Port is not null))
            {
                portTests.Add($"strcat({address}, ':', {columns.Port}) in ({Use(IocList.Endpoints)})");
            }

            if (inline is null || inline.Any(indicator => indicator.Kind == IndicatorKind.Ip && indicator.Port is null))
            {
                portTests.Add($"{address} in ({Use(IocList.PortlessAddresses)})");
            }

            var portTest = portTests.Count == 1 ? portTests[0] : $"({string.Join(" or ", portTests)})";
            conditions.Add($"({inAddresses} and {portTest})");
        }

        private void AddDomain(string column)
        {
            if (!table.DomainColumnHoldsUrl)
            {
                conditions.Add($"{column} in~ ({Use(IocList.Domains)})");
                return;
            }

            AddFunction(KqlPrelude.HostFunction);
            conditions.Add($"hostOf({column}) in ({Use(IocList.Domains)})");
        }

        private void AddHashes()
        {
            if (table.AnyHashColumn is { } anyHash)
            {
                conditions.Add($"{anyHash} in~ ({Use(IocList.FileHashes)})");
            }

            foreach (var kind in IndicatorGroups.HuntedHashKinds)
            {
                if (!table.HashColumns.TryGetValue(kind, out var column)
                    || (inline is not null && !inline.Any(indicator => indicator.Kind == kind)))
                {
                    continue;
                }

                var list = kind switch
                {
                    IndicatorKind.Sha256 => IocList.Sha256,
                    IndicatorKind.Sha1 => IocList.Sha1,
                    _ => IocList.Md5,
                };
                conditions.Add($"{column} in~ ({Use(list)})");
            }
        }

        private string Use(IocList list)
        {
            lists.Add(list);
            return KqlPrelude.NameOf(list);
        }

        private void AddFunction(string function)
        {
            if (!functions.Contains(function))
            {
                functions.Add(function);
            }
        }
    }
}
