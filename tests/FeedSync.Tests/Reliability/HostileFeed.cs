using System.Globalization;
using System.Text.Json;

namespace FeedSync.Tests.Reliability;

/// <summary>
/// A ThreatFox export (the <c>/export/json/recent/</c> shape) whose values and family names try to break out of KQL
/// string literals and CSV cells, carry control characters, are oversized or use non-ASCII host names.
/// </summary>
internal static class HostileFeed
{
    /// <summary>The oversized field length: 100,000 characters.</summary>
    public const int OversizedLength = 100_000;

    /// <summary>Family names that try to end a KQL literal or a CSV cell, start a spreadsheet formula, or hide text.</summary>
    public static IReadOnlyList<string> FamilyNames { get; } =
    [
        "win.evil\"; SecurityEvent | take 100 //",
        "win.quote'); print 'pwned",
        "win.backslash\\' | where true //",
        "=HYPERLINK(\"http://198.51.100.9/\",\"open\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "win.comma, \"quoted\", cell",
        "win.semi;colon;list",
        "win.lines\r\n| take 1\n// comment",
        "win.control\u0000\u0001\u001b[31m\u007f",
        "win.rtl\u202Egnp.exe",
        "win.unicode-é中文😀",
        "win." + new string('x', 5_000),
    ];

    /// <summary>Tags that try the same, including one of <see cref="OversizedLength"/> characters.</summary>
    public static IReadOnlyList<string> HostileTags { get; } =
    [
        "=1+1",
        "tag\", \"next cell",
        "tag'); print 'x",
        "line\nbreak",
        new string('t', OversizedLength),
    ];

    /// <summary>
    /// IOC values, each with its ThreatFox type. The normaliser rejects the three in <see cref="RejectedValues"/>,
    /// because URLs and host names cannot contain whitespace or quotes; every other one is accepted.
    /// </summary>
    public static IReadOnlyList<(string Type, string Value)> Iocs { get; } =
    [
        ("url", "http://evil.example/a'b\"c"),
        ("url", "http://evil.example/x?q=1\"or(1==1)|project(Secret)//"),
        ("url", "http://evil.example/p\\';.drop(table);--"),
        ("url", "http://evil.example/,comma,\"quote\","),
        ("url", "http://evil.example/=cmd|'/C(calc)'!A0"),
        ("url", "http://evil.example/split\r\n| take 1"),
        ("url", "http://evil.example/" + new string('A', OversizedLength)),
        ("url", "http://bücher.example/ünïcode?q=é"),
        ("domain", "bücher.example"),
        ("domain", "аpple.com"),
        ("domain", "例え.テスト"),
        ("domain", "MixedCase-Evil.Example"),
        ("domain", "evil\".example"),
        ("domain", "line\nbreak.example"),
        ("ip:port", "198.51.100.23:443"),
        ("ip:port", "198.51.100.24:8080"),
        ("ip:port", "2001:db8::66:4444"),
        ("sha256_hash", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"),
        ("md5_hash", "d41d8cd98f00b204e9800998ecf8427e"),
    ];

    /// <summary>The IOC values the normaliser must reject.</summary>
    public static IReadOnlyList<string> RejectedValues { get; } =
    [
        "http://evil.example/split\r\n| take 1",
        "evil\".example",
        "line\nbreak.example",
    ];

    /// <summary>
    /// The family names that are not valid malware ids, because they contain a control or format character:
    /// the normaliser rejects every record reported under them.
    /// </summary>
    public static IReadOnlyList<string> InvalidFamilyIds { get; } =
        [.. FamilyNames.Where(family => family.Any(character => char.IsControl(character) || char.GetUnicodeCategory(character) == UnicodeCategory.Format))];

    /// <summary>
    /// The records of the export, in order: every IOC under a valid family in turn, so that each hostile value
    /// reaches the watchlists, then one IOC per family name.
    /// </summary>
    public static IReadOnlyList<(int Id, string Type, string Value, string Family)> Records()
    {
        var records = new List<(int Id, string Type, string Value, string Family)>();
        var validFamilies = FamilyNames.Except(InvalidFamilyIds).ToList();
        var id = 1_900_000;
        foreach (var (type, value) in Iocs)
        {
            records.Add((id, type, value, validFamilies[id % validFamilies.Count]));
            id++;
        }

        foreach (var family in FamilyNames)
        {
            records.Add((id, "ip:port", string.Create(CultureInfo.InvariantCulture, $"203.0.113.{id % 250}:443"), family));
            id++;
        }

        return records;
    }

    /// <summary>The raw values of every record the normaliser must reject: invalid values and invalid family ids.</summary>
    public static IReadOnlyList<string> ExpectedRejects() =>
        [.. Records().Where(record => RejectedValues.Contains(record.Value) || InvalidFamilyIds.Contains(record.Family)).Select(record => record.Value)];

    /// <summary>Writes the export to <paramref name="path"/>, with hostile tags and references.</summary>
    public static void Write(string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach (var (id, type, value, family) in Records())
        {
            WriteRecord(writer, id, type, value, family);
        }

        writer.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter writer, int id, string type, string value, string family)
    {
        writer.WritePropertyName(id.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("ioc_value", value);
        writer.WriteString("ioc_type", type);
        writer.WriteString("threat_type", id % 2 == 0 ? "botnet_cc" : "payload_delivery");
        writer.WriteString("malware", family);
        writer.WriteString("malware_alias", family + ",alias=1+1");
        writer.WriteString("malware_printable", family);
        writer.WriteString("first_seen_utc", "2026-07-23 10:00:00");
        writer.WriteString("last_seen_utc", "2026-07-24 10:00:00");
        writer.WriteNumber("confidence_level", 75);
        writer.WriteBoolean("is_compromised", false);
        writer.WriteString("reference", id % 3 == 0 ? "=HYPERLINK(\"http://198.51.100.9/\")" : "https://example.org/report?id=1\"2");
        writer.WriteString("tags", string.Join(',', HostileTags.Skip(id % HostileTags.Count).Take(2)));
        writer.WriteNumber("anonymous", 0);
        writer.WriteString("reporter", "hostile\"reporter");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
