using FeedSync.SentinelEmulator.State;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>Evaluates a parsed <see cref="KqlQuery"/> over one workspace's tables.</summary>
internal static class QueryEvaluator
{
    public static (QueryTable? Table, KqlError? Error) Evaluate(KqlQuery query, WorkspaceState workspace, DateTimeOffset now, QueryTimeRange range)
    {
        var table = query.Source switch
        {
            KqlGetWatchlistSource getWatchlist => WorkspaceTables.GetWatchlist(workspace, getWatchlist.Alias, now, range),
            KqlTableSource { Table: "Watchlist" } => WorkspaceTables.Watchlist(workspace, now, range),
            _ => WorkspaceTables.Usage(),
        };

        foreach (var step in query.Operators)
        {
            var (next, error) = step switch
            {
                KqlWhere where => Where(table, where),
                KqlProject project => Project(table, project),
                KqlCount => (new QueryTable([new QueryColumn("Count", "long")], [[(long)table.Rows.Count]]), null),
                KqlTake take => (table with { Rows = [.. table.Rows.Take(take.Count)] }, null),
                _ => ((QueryTable?)null, new KqlError("UnsupportedQuery", KqlParser.SupportedForms)),
            };
            if (error is not null)
            {
                return (null, error);
            }

            table = next!;
        }

        return (table, null);
    }

    private static (QueryTable?, KqlError?) Where(QueryTable table, KqlWhere where)
    {
        var filters = new List<Func<object?[], bool>>();
        foreach (var condition in where.Conditions)
        {
            var index = table.IndexOf(condition.Column);
            if (index < 0)
            {
                return (null, UnknownColumn(condition.Column));
            }

            var (filter, error) = Comparison(table.Columns[index], index, condition);
            if (error is not null)
            {
                return (null, error);
            }

            filters.Add(filter!);
        }

        return (table with { Rows = [.. table.Rows.Where(row => filters.All(filter => filter(row)))] }, null);
    }

    private static (Func<object?[], bool>?, KqlError?) Comparison(QueryColumn column, int index, KqlComparison condition)
    {
        var negate = condition.Operator.StartsWith('!');
        var ignoreCase = condition.Operator.EndsWith('~');
        switch (column.Type, condition.Literal)
        {
            case ("string", string text):
                var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return (row => string.Equals(row[index] as string ?? "", text, comparison) != negate, null);
            case ("long", long number) when !ignoreCase:
                return (row => Equals(row[index], number) != negate, null);
            case ("bool", bool flag) when !ignoreCase:
                return (row => Equals(row[index], flag) != negate, null);
            default:
                return (null, new KqlError(
                    "SemanticError",
                    $"Cannot compare column '{column.Name}' of type {column.Type} with {condition.Literal} using '{condition.Operator}'. The emulator compares strings with ==, !=, =~, !~ and long or bool columns with == and !=."));
        }
    }

    private static (QueryTable?, KqlError?) Project(QueryTable table, KqlProject project)
    {
        var indexes = new List<int>();
        foreach (var column in project.Columns)
        {
            var index = table.IndexOf(column);
            if (index < 0)
            {
                return (null, UnknownColumn(column));
            }

            indexes.Add(index);
        }

        var columns = indexes.Select(index => table.Columns[index]).ToList();
        var rows = table.Rows.Select(row => indexes.Select(index => row[index]).ToArray()).ToList();
        return (new QueryTable(columns, rows), null);
    }

    private static KqlError UnknownColumn(string column) =>
        new("SemanticError", $"Failed to resolve scalar expression named '{column}'.");
}
