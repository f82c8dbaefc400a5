using System.Globalization;
using System.Text;

namespace FeedSync.Benchmarks.Ingestion;

/// <summary>
/// Generates ThreatFox content with the layout of the real exports: half ip:port, then domains, URLs,
/// SHA-256 and MD5 hashes, with every 50th value repeated under a second family so that merging runs too.
/// </summary>
public static class GeneratedThreatFoxFeed
{
    private static readonly DateTime Start = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Returns the export JSON (an object keyed by id, 4-space indent) of <paramref name="count"/> records.</summary>
    public static byte[] ExportJson(int count)
    {
        var text = new StringBuilder(count * 640);
        text.Append("{\n");
        for (var i = 0; i < count; i++)
        {
            var record = Record(i);
            text.Append(CultureInfo.InvariantCulture, $"    \"{record.Id}\": [\n        {{\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"ioc_value\": \"{record.Value}\",\n            \"ioc_type\": \"{record.Type}\",\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"threat_type\": \"{record.ThreatType}\",\n            \"malware\": \"{record.Malware}\",\n");
            text.Append("            \"malware_alias\": null,\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"malware_printable\": \"{record.Printable}\",\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"first_seen_utc\": \"{record.FirstSeen}\",\n            \"last_seen_utc\": {Quoted(record.LastSeen)},\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"confidence_level\": {record.Confidence},\n            \"is_compromised\": false,\n");
            text.Append("            \"reference\": null,\n");
            text.Append(CultureInfo.InvariantCulture, $"            \"tags\": \"{record.Tags}\",\n            \"anonymous\": 0,\n            \"reporter\": \"abuse_ch\"\n");
            text.Append(i + 1 < count ? "        }\n    ],\n" : "        }\n    ]\n");
        }

        text.Append("}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Returns the export CSV (comment header, quoted values, <c>", "</c> separators) of <paramref name="count"/> records.</summary>
    public static byte[] ExportCsv(int count)
    {
        var text = new StringBuilder(count * 230);
        text.Append("################################################################\n");
        text.Append("# ThreatFox IOCs: generated for benchmarks - CSV format        #\n");
        text.Append("#\n# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\",\"threat_type\",\"fk_malware\",\"malware_alias\",\"malware_printable\",\"last_seen_utc\",\"confidence_level\",\"is_compromised\",\"reference\",\"tags\",\"anonymous\",\"reporter\"\n");
        for (var i = 0; i < count; i++)
        {
            var r = Record(i);
            text.Append(CultureInfo.InvariantCulture, $"\"{r.FirstSeen}\", \"{r.Id}\", \"{r.Value}\", \"{r.Type}\", \"{r.ThreatType}\", \"{r.Malware}\", \"None\", \"{r.Printable}\", \"{r.LastSeen ?? string.Empty}\", \"{r.Confidence}\", \"False\", \"None\", \"{r.Tags}\", \"0\", \"abuse_ch\"\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"# Number of entries: {count}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    private static GeneratedRecord Record(int index)
    {
        // Every 50th record repeats the previous value under another family, as ThreatFox does when two
        // reporters attribute one IOC differently.
        var valueIndex = index % 50 == 49 ? index - 1 : index;
        var (type, value) = (valueIndex % 10) switch
        {
            < 5 => ("ip:port", $"{10 + (valueIndex >> 16 & 0xFF)}.{valueIndex >> 8 & 0xFF}.{valueIndex & 0xFF}.{1 + (valueIndex % 250)}:{1024 + (valueIndex % 60000)}"),
            5 or 6 => ("domain", $"Host{valueIndex}.Example-{valueIndex % 97}.com"),
            7 => ("url", $"https://cdn{valueIndex}.example.net/gate/{valueIndex}.php?id={valueIndex % 13}"),
            8 => ("sha256_hash", valueIndex.ToString("X64", CultureInfo.InvariantCulture)),
            _ => ("md5_hash", valueIndex.ToString("x32", CultureInfo.InvariantCulture)),
        };
        var (malware, printable) = (index % 7, index % 50 == 49) switch
        {
            (_, true) => ("win.asyncrat", "AsyncRAT"),
            (0, _) => ("win.remcos", "Remcos"),
            (1, _) => ("win.cobalt_strike", "Cobalt Strike"),
            (2, _) => ("js.clearfake", "ClearFake"),
            (3, _) => ("win.vidar", "Vidar"),
            (4, _) => ("unknown", "Unknown malware"),
            (5, _) => ("elf.mirai", "Mirai"),
            _ => ("win.agent_tesla", "Agent Tesla"),
        };
        var firstSeen = Start.AddSeconds(index % 2_000_000);
        var lastSeen = index % 3 == 0 ? null : firstSeen.AddMinutes(index % 500).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new GeneratedRecord(
            1_000_000 + index,
            value,
            type,
            index % 4 == 0 ? "payload_delivery" : "botnet_cc",
            malware,
            printable,
            firstSeen.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            lastSeen,
            50 + (index % 6 * 10),
            index % 2 == 0 ? printable.Replace(" ", string.Empty, StringComparison.Ordinal) : $"{printable},c2,AS{index % 900}");
    }

    private sealed record GeneratedRecord(long Id, string Value, string Type, string ThreatType, string Malware, string Printable, string FirstSeen, string? LastSeen, int Confidence, string Tags);
}
