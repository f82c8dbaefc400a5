namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>A query the emulator can evaluate: a source followed by simple tabular operators.</summary>
internal sealed record KqlQuery(KqlSource Source, IReadOnlyList<KqlOperator> Operators);

/// <summary>Where a query's rows come from.</summary>
internal abstract record KqlSource;

/// <summary>A table by name, such as <c>Watchlist</c>.</summary>
internal sealed record KqlTableSource(string Table) : KqlSource;

/// <summary>A call of <c>_GetWatchlist('alias')</c>.</summary>
internal sealed record KqlGetWatchlistSource(string Alias) : KqlSource;

/// <summary>One tabular operator after a pipe.</summary>
internal abstract record KqlOperator;

/// <summary><c>where</c> with comparisons joined by <c>and</c>.</summary>
internal sealed record KqlWhere(IReadOnlyList<KqlComparison> Conditions) : KqlOperator;

/// <summary><c>project</c> of existing columns.</summary>
internal sealed record KqlProject(IReadOnlyList<string> Columns) : KqlOperator;

/// <summary><c>count</c>: one row with the row count in a <c>Count</c> column of type long.</summary>
internal sealed record KqlCount : KqlOperator;

/// <summary><c>take N</c> or <c>limit N</c>.</summary>
internal sealed record KqlTake(int Count) : KqlOperator;

/// <summary>A comparison of a column with a literal: <c>==</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
internal sealed record KqlComparison(string Column, string Operator, object Literal);

/// <summary>Why the emulator cannot evaluate a query: a Log Analytics inner error code and a message.</summary>
internal sealed record KqlError(string Code, string Message);
