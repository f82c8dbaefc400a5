using System.Globalization;
using FeedSync.Normalisation;
using FeedSync.Watchlists;

namespace FeedSync.Hunting;

/// <summary>
/// Writes the <c>let</c> statements that define a query's indicator lists: from the FeedSync watchlists through
/// <c>_GetWatchlist</c>, or inline as <c>dynamic([...])</c> literals. Both styles define the same names, so the
/// rest of the query is the same text in either style.
/// </summary>
internal static class KqlPrelude
{
    /// <summary>The KQL function that reduces a URL to the form URL indicators are compared in.</summary>
    public const string UrlKeyFunction =
        "let urlKey = (url:string) { tolower(trim_end(@'/+', replace_regex(url, @'^[A-Za-z][A-Za-z0-9+.-]*://', ''))) };";

    /// <summary>The KQL function that extracts the lower-cased host name from a URL or host name.</summary>
    public const string HostFunction =
        "let hostOf = (url:string) { tolower(trim_end(@'\\.', extract(@'^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^/?#@]*@)?([^/?#:]+)', 1, url))) };";

    /// <summary>Returns the KQL name of <paramref name="list"/>.</summary>
    public static string NameOf(IocList list) => list switch
    {
        IocList.Addresses => "iocAddresses",
        IocList.Endpoints => "iocEndpoints",
        IocList.PortlessAddresses => "iocPortlessAddresses",
        IocList.Domains => "iocDomains",
        IocList.UrlKeys => "iocUrlKeys",
        IocList.Sha256 => "iocSha256",
        IocList.Sha1 => "iocSha1",
        IocList.Md5 => "iocMd5",
        IocList.FileHashes => "iocFileHashes",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Unknown indicator list."),
    };

    /// <summary>Writes the statements that read the lists from the watchlists, filtered to the scope's family.</summary>
    public static IEnumerable<string> FromWatchlists(IReadOnlySet<IocList> lists, HuntingScope scope, string aliasPrefix)
    {
        if (lists.Overlaps([IocList.Addresses, IocList.Endpoints, IocList.PortlessAddresses]))
        {
            yield return $"let iocIpRows = {WatchlistRows(IndicatorKind.Ip, scope, aliasPrefix)}";
            yield return $"    | project IocValue = tostring({WatchlistColumns.Indicator}), IocPort = tostring({WatchlistColumns.Port});";
        }

        if (lists.Contains(IocList.Addresses))
        {
            yield return "let iocAddresses = toscalar(iocIpRows | summarize make_set(IocValue));";
        }

        if (lists.Contains(IocList.Endpoints))
        {
            yield return "let iocEndpoints = toscalar(iocIpRows | where isnotempty(IocPort) | summarize make_set(strcat(IocValue, ':', IocPort)));";
        }

        if (lists.Contains(IocList.PortlessAddresses))
        {
            yield return "let iocPortlessAddresses = toscalar(iocIpRows | where isempty(IocPort) | summarize make_set(IocValue));";
        }

        if (lists.Contains(IocList.Domains))
        {
            yield return $"let iocDomains = toscalar({WatchlistRows(IndicatorKind.Domain, scope, aliasPrefix)}";
            yield return $"    | summarize make_set(tolower(tostring({WatchlistColumns.Indicator}))));";
        }

        if (lists.Contains(IocList.UrlKeys))
        {
            yield return $"let iocUrlKeys = toscalar({WatchlistRows(IndicatorKind.Url, scope, aliasPrefix)}";
            yield return $"    | summarize make_set(urlKey(tostring({WatchlistColumns.Indicator}))));";
        }

        foreach (var line in HashListsFromWatchlist(lists, scope, aliasPrefix))
        {
            yield return line;
        }
    }

    /// <summary>Writes the statements that define the lists inline from <paramref name="indicators"/>.</summary>
    public static IEnumerable<string> Inline(IReadOnlySet<IocList> lists, IReadOnlyList<Indicator> indicators)
    {
        var addresses = indicators.Where(indicator => indicator.Kind == IndicatorKind.Ip).ToList();
        foreach (var list in lists.Order())
        {
            var values = list switch
            {
                IocList.Addresses => addresses.Select(indicator => indicator.Value),
                IocList.Endpoints => addresses.Where(indicator => indicator.Port is not null).Select(EndpointOf),
                IocList.PortlessAddresses => addresses.Where(indicator => indicator.Port is null).Select(indicator => indicator.Value),
                IocList.Domains => ValuesOf(indicators, IndicatorKind.Domain),
                IocList.UrlKeys => indicators.Where(indicator => indicator.Kind == IndicatorKind.Url).Select(indicator => indicator.Value),
                IocList.Sha256 => ValuesOf(indicators, IndicatorKind.Sha256),
                IocList.Sha1 => ValuesOf(indicators, IndicatorKind.Sha1),
                IocList.Md5 => ValuesOf(indicators, IndicatorKind.Md5),
                IocList.FileHashes => IndicatorGroups.HuntedHashKinds.SelectMany(kind => ValuesOf(indicators, kind)),
                _ => throw new ArgumentOutOfRangeException(nameof(lists), list, "Unknown indicator list."),
            };
            var literal = KqlLiteral.DynamicArray(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            if (list == IocList.UrlKeys)
            {
                yield return $"let iocUrls = {literal};";
                yield return "let iocUrlKeys = toscalar(print IocValue = iocUrls | mv-expand IocValue to typeof(string) | summarize make_set(urlKey(IocValue)));";
                continue;
            }

            yield return $"let {NameOf(list)} = {literal};";
        }
    }

    private static IEnumerable<string> HashListsFromWatchlist(IReadOnlySet<IocList> lists, HuntingScope scope, string aliasPrefix)
    {
        IocList[] hashLists = [IocList.Sha256, IocList.Sha1, IocList.Md5, IocList.FileHashes];
        if (!lists.Overlaps(hashLists))
        {
            yield break;
        }

        yield return $"let iocHashRows = {WatchlistRows(IndicatorKind.Sha256, scope, aliasPrefix)}";
        yield return $"    | project IocValue = tolower(tostring({WatchlistColumns.Indicator})), IocKind = tolower(tostring({WatchlistColumns.IndicatorType}));";
        foreach (var list in hashLists.Where(lists.Contains))
        {
            var kinds = list switch
            {
                IocList.Sha256 => [IndicatorKind.Sha256],
                IocList.Sha1 => [IndicatorKind.Sha1],
                IocList.Md5 => [IndicatorKind.Md5],
                _ => IndicatorGroups.HuntedHashKinds,
            };
            var kindNames = KqlLiteral.List(kinds.Select(kind => kind.ToString().ToLowerInvariant()));
            yield return $"let {NameOf(list)} = toscalar(iocHashRows | where IocKind in {kindNames} | summarize make_set(IocValue));";
        }
    }

    /// <summary>Writes <c>_GetWatchlist('alias')</c> with the family filter on a continuation line when there is one.</summary>
    private static string WatchlistRows(IndicatorKind kind, HuntingScope scope, string aliasPrefix)
    {
        var rows = $"_GetWatchlist({KqlLiteral.Quote(WatchlistAliases.For(kind, aliasPrefix))})";
        if (scope.IsFeedWide)
        {
            return rows;
        }

        var families = $"split(replace_regex(tolower(tostring({WatchlistColumns.MalwareIds})), @'\\s', ''), {KqlLiteral.Quote(WatchlistColumns.ListSeparator)})";
        var matches = FamilyKeys.CellFormsOf(scope.Key).Select(form => $"set_has_element(IocFamilies, {KqlLiteral.Quote(form)})");
        return $"{rows}\n    | extend IocFamilies = {families}\n    | where {string.Join(" or ", matches)}";
    }

    private static string EndpointOf(Indicator indicator) =>
        string.Create(CultureInfo.InvariantCulture, $"{indicator.Value}:{indicator.Port}");

    private static IEnumerable<string> ValuesOf(IReadOnlyList<Indicator> indicators, IndicatorKind kind) =>
        indicators.Where(indicator => indicator.Kind == kind).Select(indicator => indicator.Value.ToLowerInvariant());
}
