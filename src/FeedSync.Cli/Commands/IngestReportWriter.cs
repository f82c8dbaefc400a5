using System.Globalization;
using System.Text;
using System.Text.Json;
using FeedSync.Cli.Terminal;
using FeedSync.Normalisation;

namespace FeedSync.Cli.Commands;

/// <summary>
/// Prints an <see cref="IngestResult"/> as a text summary, with every value from the feed escaped for the terminal,
/// or as one JSON document, whose encoder escapes control and non-ASCII characters.
/// </summary>
internal static class IngestReportWriter
{
    /// <summary>How many rejects the text summary lists; the JSON document lists all.</summary>
    public const int TextRejectLimit = 20;

    /// <summary>The maximum number of characters of a raw value or detail that the text output shows.</summary>
    public const int TextValueLimit = 200;

    private const int FlushEveryItems = 512;

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/> in <paramref name="format"/>.</summary>
    public static Task WriteAsync(IngestResult result, IngestOutputFormat format, TextWriter output, CancellationToken cancellationToken) =>
        format == IngestOutputFormat.Json
            ? WriteJsonAsync(result, output, cancellationToken)
            : WriteTextAsync(result, output);

    /// <summary>Returns the lower-case kind name the report and the watchlists use: ip, domain, url, md5, sha1, sha256, sha3_384.</summary>
    public static string KindName(IndicatorKind kind) => kind.ToString().ToLowerInvariant();

    private static async Task WriteTextAsync(IngestResult result, TextWriter output)
    {
        var text = new StringBuilder();
        var format = result.ContainedFormat is { } contained ? $"{result.Format} of {contained}" : result.Format.ToString();
        text.AppendLine(TerminalText.Format($"Source:      {result.Source} ({format})"));
        text.AppendLine(TerminalText.Format($"Records:     {result.Records}"));
        text.AppendLine(TerminalText.Format($"Accepted:    {result.Accepted}"));
        AppendCounts(text, result.ByKind.Select(pair => (KindName(pair.Key), pair.Value)));
        text.AppendLine(TerminalText.Format($"Rejected:    {result.Rejected}"));
        AppendCounts(text, result.RejectReasons.Select(pair => (pair.Key, pair.Value)));
        text.AppendLine(TerminalText.Format($"Indicators:  {result.Indicators.Count} after merging duplicates"));
        AppendCounts(text, result.IndicatorsByKind.Select(pair => (KindName(pair.Key), pair.Value)));
        text.AppendLine(TerminalText.Format($"Families:    {result.Families.Count}"));
        foreach (var family in result.Families)
        {
            text.AppendLine(TerminalText.Format($"  {family.Family.Id} ({family.Family.Name}): {family.Indicators} indicators, {family.Records} records"));
        }

        AppendSection(text, "Unknown IOC types (rejected)", result.UnknownIocTypes);
        AppendSection(text, "Unknown threat types (accepted)", result.UnknownThreatTypes);
        AppendSection(text, "Corrections", result.Corrections);
        AppendRejects(text, result.Rejects);
        await output.WriteAsync(text.ToString());
    }

    private static void AppendCounts(StringBuilder text, IEnumerable<(string Name, long Count)> counts)
    {
        foreach (var (name, count) in counts)
        {
            text.AppendLine(TerminalText.Format($"  {name,-22} {count,8}"));
        }
    }

    private static void AppendSection(StringBuilder text, string title, IReadOnlyDictionary<string, long> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        text.AppendLine(TerminalText.Format($"{title}:"));
        AppendCounts(text, counts.Select(pair => (pair.Key, pair.Value)));
    }

    private static void AppendRejects(StringBuilder text, IReadOnlyList<IngestReject> rejects)
    {
        if (rejects.Count == 0)
        {
            return;
        }

        var listed = Math.Min(rejects.Count, TextRejectLimit);
        text.AppendLine(TerminalText.Format($"Rejects ({listed} of {rejects.Count}; --output json lists all):"));
        foreach (var reject in rejects.Take(listed))
        {
            text.AppendLine(TerminalText.Format($"  line {reject.Line}: {reject.Reason} '{Shorten(reject.RawValue)}': {Shorten(reject.Detail)}"));
        }
    }

    /// <summary>
    /// Cuts a value longer than <see cref="TextValueLimit"/> characters and appends its length, so that one huge
    /// IOC does not flood the terminal. The JSON output keeps every value whole.
    /// </summary>
    private static string? Shorten(string? value)
    {
        if (value is null || value.Length <= TextValueLimit)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[TextValueLimit - 1]) ? TextValueLimit - 1 : TextValueLimit;
        return string.Create(CultureInfo.InvariantCulture, $"{value.AsSpan(0, cut)}... ({value.Length:N0} characters)");
    }

    private static async Task WriteJsonAsync(IngestResult result, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });

        json.WriteStartObject();
        WriteSummary(json, result);

        json.WriteStartArray("indicators");
        for (var i = 0; i < result.Indicators.Count; i++)
        {
            WriteIndicator(json, result.Indicators[i]);
            await FlushEveryAsync(i, json, buffer, output, cancellationToken);
        }

        json.WriteEndArray();

        json.WriteStartArray("rejects");
        for (var i = 0; i < result.Rejects.Count; i++)
        {
            WriteReject(json, result.Rejects[i]);
            await FlushEveryAsync(i, json, buffer, output, cancellationToken);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await FlushAsync(json, buffer, output, cancellationToken);
        await output.WriteLineAsync();
    }

    private static void WriteSummary(Utf8JsonWriter json, IngestResult result)
    {
        json.WriteString("source", result.Source);
        json.WriteString("format", result.Format.ToString());
        if (result.ContainedFormat is { } contained)
        {
            json.WriteString("containedFormat", contained.ToString());
        }

        json.WriteString("asOf", result.AsOf);
        json.WriteNumber("records", result.Records);
        json.WriteNumber("accepted", result.Accepted);
        json.WriteNumber("rejected", result.Rejected);
        WriteCounts(json, "byKind", result.ByKind.ToDictionary(pair => KindName(pair.Key), pair => pair.Value));
        WriteCounts(json, "indicatorsByKind", result.IndicatorsByKind.ToDictionary(pair => KindName(pair.Key), pair => pair.Value));
        WriteCounts(json, "rejectReasons", result.RejectReasons);
        WriteCounts(json, "unknownIocTypes", result.UnknownIocTypes);
        WriteCounts(json, "unknownThreatTypes", result.UnknownThreatTypes);
        WriteCounts(json, "corrections", result.Corrections);

        json.WriteStartArray("families");
        foreach (var family in result.Families)
        {
            json.WriteStartObject();
            json.WriteString("id", family.Family.Id);
            json.WriteString("name", family.Family.Name);
            json.WriteNumber("indicators", family.Indicators);
            json.WriteNumber("records", family.Records);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static void WriteIndicator(Utf8JsonWriter json, Indicator indicator)
    {
        json.WriteStartObject();
        json.WriteString("kind", KindName(indicator.Kind));
        json.WriteString("value", indicator.Value);
        WriteNullableNumber(json, "port", indicator.Port);
        json.WriteString("originalValue", indicator.OriginalValue);
        if (indicator.DisplayValue is not null)
        {
            json.WriteString("displayValue", indicator.DisplayValue);
        }

        json.WriteString("family", indicator.Family.Id);
        json.WriteString("familyName", indicator.Family.Name);
        json.WriteStartArray("families");
        foreach (var family in indicator.Families)
        {
            json.WriteStartObject();
            json.WriteString("id", family.Id);
            json.WriteString("name", family.Name);
            WriteStrings(json, "aliases", family.Aliases);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("threatType", indicator.ThreatType);
        json.WriteNumber("confidence", indicator.Confidence);
        json.WriteString("firstSeen", indicator.FirstSeen);
        if (indicator.LastSeen is { } lastSeen)
        {
            json.WriteString("lastSeen", lastSeen);
        }
        else
        {
            json.WriteNull("lastSeen");
        }

        WriteStrings(json, "tags", indicator.Tags);
        json.WriteString("reference", indicator.Reference);
        json.WriteString("reporter", indicator.Reporter);
        json.WriteStartArray("threatFoxIds");
        foreach (var id in indicator.ThreatFoxIds)
        {
            json.WriteNumberValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteReject(Utf8JsonWriter json, IngestReject reject)
    {
        json.WriteStartObject();
        json.WriteString("reason", reject.Reason);
        json.WriteString("rawValue", reject.RawValue);
        json.WriteString("rawType", reject.RawType);
        WriteNullableNumber(json, "threatFoxId", reject.ThreatFoxId);
        json.WriteNumber("recordNumber", reject.RecordNumber);
        json.WriteNumber("line", reject.Line);
        json.WriteString("detail", reject.Detail);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
            return;
        }

        json.WriteNull(name);
    }

    private static async Task FlushEveryAsync(int index, Utf8JsonWriter json, MemoryStream buffer, TextWriter output, CancellationToken cancellationToken)
    {
        if ((index + 1) % FlushEveryItems == 0)
        {
            await FlushAsync(json, buffer, output, cancellationToken);
        }
    }

    private static async Task FlushAsync(Utf8JsonWriter json, MemoryStream buffer, TextWriter output, CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }
}
