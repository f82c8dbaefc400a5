using System.Globalization;
using System.Text;
using System.Text.Json;
using FeedSync.Workspace;

namespace FeedSync.Cli.Commands;

/// <summary>
/// What a sync interrupted by Ctrl+C had written: the changes written of those planned, as the progress last
/// reported them, and the ARM calls made. Printed in place of the full report, which the runner does not return
/// for a cancelled run.
/// </summary>
/// <param name="ChangesWritten">The plan's changes written before the interrupt; 0 when the run had not started writing.</param>
/// <param name="ChangesPlanned">The changes the plan contained, or null when the run stopped before it had a plan.</param>
/// <param name="Calls">The ARM calls made by the run.</param>
/// <param name="DryRun">True for <c>feedsync plan</c>, which writes nothing.</param>
internal sealed record SyncCancellationReport(int ChangesWritten, int? ChangesPlanned, WorkspaceCallCounts Calls, bool DryRun)
{
    /// <summary>The <c>outcome</c> value of the JSON document.</summary>
    public const string Outcome = "cancelled";

    /// <summary>The one-line summary for standard output.</summary>
    public string Reason
    {
        get
        {
            if (DryRun || Calls.Writes + Calls.Deletes == 0)
            {
                return "Cancelled before any write, so nothing was changed.";
            }

            var written = ChangesPlanned is { } planned
                ? string.Create(CultureInfo.InvariantCulture, $"{ChangesWritten} of {planned} changes were written")
                : "changes were written";
            return string.Create(CultureInfo.InvariantCulture,
                $"Cancelled after {written} ({Calls.Writes} ARM writes, {Calls.Deletes} deletes). Run the same command again to complete the rest.");
        }
    }

    /// <summary>Writes the summary as text, or as one JSON document when <paramref name="json"/> is true.</summary>
    public async Task WriteAsync(TextWriter output, bool json)
    {
        ArgumentNullException.ThrowIfNull(output);

        await output.WriteLineAsync(json ? ToJson() : Reason);
    }

    private string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", Outcome);
            writer.WriteBoolean("dryRun", DryRun);
            writer.WriteString("reason", Reason);
            writer.WriteNumber("changesWritten", ChangesWritten);
            if (ChangesPlanned is { } planned)
            {
                writer.WriteNumber("changesPlanned", planned);
            }

            writer.WriteStartObject("arm");
            writer.WriteNumber("reads", Calls.Reads);
            writer.WriteNumber("writes", Calls.Writes);
            writer.WriteNumber("deletes", Calls.Deletes);
            writer.WriteNumber("retries", Calls.Retries);
            writer.WriteNumber("throttled", Calls.Throttled);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
