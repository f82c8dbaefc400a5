using System.Globalization;
using FeedSync.Cli.Terminal;
using FeedSync.Sync;

namespace FeedSync.Cli.Commands;

/// <summary>Writes the closing summary of a sync or plan as plain text.</summary>
internal static class SyncReportPrinter
{
    /// <summary>The most planned changes listed per watchlist; <c>--output json</c> lists them all.</summary>
    public const int MaxListedChanges = 20;

    /// <summary>Writes the summary of <paramref name="report"/>.</summary>
    public static void Write(TextWriter output, SyncReport report, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);

        if (report.SourceRead)
        {
            WriteLine(output, $"Source {source}: {report.Source.Records} records, {report.Source.Accepted} accepted, {report.Source.Rejected} rejected, {report.Source.Indicators} indicators");
        }
        else
        {
            WriteLine(output, $"Source {source}: not read");
        }

        WriteLine(output, $"Target {target}, expiry as of {report.AsOf?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");

        if (report.Watchlists.Count > 0)
        {
            WriteTable(output, report);
        }

        WriteSkipped(output, report);
        WriteChanges(output, report);

        if (report.Hunting is { } hunting)
        {
            WriteLine(output, $"Hunting queries: {hunting.Created} created, {hunting.Updated} updated, {hunting.Removed} removed, {hunting.Unchanged} unchanged");
        }

        WriteLine(output, $"ARM calls: {report.Arm.Reads} reads, {report.Arm.Writes} writes, {report.Arm.Deletes} deletes, {report.Arm.Retries} retries, {report.Arm.Throttled} throttled");
        WriteLine(output, $"{Verdict(report)} ({report.DurationMs} ms)");
    }

    private static void WriteTable(TextWriter output, SyncReport report)
    {
        var aliasWidth = Math.Max("Watchlist".Length, report.Watchlists.Max(watchlist => watchlist.Alias.Length));
        var verb = report.DryRun || report.Outcome == SyncOutcome.Stopped ? "planned" : "applied";
        output.WriteLine();
        WriteLine(output, $"{"Watchlist".PadRight(aliasWidth)}  {"Added",7}  {"Updated",7}  {"Removed",7}  {"Unchanged",9}  {"Duplicates",10}   ({verb})");
        foreach (var watchlist in report.Watchlists)
        {
            WriteLine(output,
                $"{watchlist.Alias.PadRight(aliasWidth)}  {watchlist.Added,7}  {watchlist.Updated,7}  {watchlist.Removed,7}  {watchlist.Unchanged,9}  {watchlist.DuplicatesRemoved,10}{(watchlist.Created ? "   (new watchlist)" : string.Empty)}");
        }

        output.WriteLine();
    }

    private static void WriteSkipped(TextWriter output, SyncReport report)
    {
        foreach (var watchlist in report.Watchlists.Where(watchlist => watchlist.SkippedExpired > 0))
        {
            WriteLine(output,
                $"Skipped {watchlist.SkippedExpired} indicators for {watchlist.Alias}: their last activity is older than the {FormatRetention(watchlist.Retention)} retention as of {report.AsOf?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }
    }

    private static void WriteChanges(TextWriter output, SyncReport report)
    {
        if (report.Changes is not { Count: > 0 } changes)
        {
            return;
        }

        foreach (var group in changes.GroupBy(change => change.Alias))
        {
            WriteLine(output, $"Changes to {group.Key}:");
            foreach (var change in group.Take(MaxListedChanges))
            {
                var columns = change.ChangedColumns.Count > 0 ? $" ({string.Join(", ", change.ChangedColumns)})" : string.Empty;
                WriteLine(output, $"  {ActionName(change.Action),-9} {change.Indicator}{columns}");
            }

            var more = group.Count() - MaxListedChanges;
            if (more > 0)
            {
                WriteLine(output, $"  ... and {more} more; --output json lists every change");
            }
        }

        output.WriteLine();
    }

    /// <summary>Writes one line with every interpolated value escaped for the terminal (report values come from the feed).</summary>
    private static void WriteLine(TextWriter output, ref TerminalInterpolatedStringHandler line) => output.WriteLine(line.ToStringAndClear());

    private static string FormatRetention(TimeSpan retention) =>
        retention.Ticks % TimeSpan.TicksPerDay == 0
            ? FormattableString.Invariant($"{retention.Days}-day")
            : retention.ToString("c", CultureInfo.InvariantCulture);

    private static string ActionName(PlannedAction action) => action switch
    {
        PlannedAction.Add => "add",
        PlannedAction.Update => "update",
        PlannedAction.Expire => "expire",
        _ => "duplicate",
    };

    private static string Verdict(SyncReport report) => report.Outcome switch
    {
        SyncOutcome.Stopped => $"Stopped: {report.Reason}",
        SyncOutcome.Failed => $"Failed: {report.Reason}",
        _ when report.DryRun => "Dry run: nothing was written.",
        _ when !ChangedAnything(report) => "Sync finished: nothing needed writing.",
        _ => "Sync finished.",
    };

    /// <summary>Returns true when the run changed a watchlist row or a hunting query.</summary>
    private static bool ChangedAnything(SyncReport report) =>
        report.Watchlists.Any(watchlist => watchlist.Added + watchlist.Updated + watchlist.Removed + watchlist.DuplicatesRemoved > 0)
        || report.Hunting is { } hunting && hunting.Created + hunting.Updated + hunting.Removed > 0;
}
