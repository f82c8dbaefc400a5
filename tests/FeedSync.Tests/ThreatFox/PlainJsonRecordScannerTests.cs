using System.Text;
using System.Text.Json;
using FeedSync.Tests.Support;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.ThreatFox;

/// <summary>
/// The plain-record path of the JSON reader must read every record exactly as the general reader does and
/// report every error at the same position, so each test reads the same content both ways and compares.
/// </summary>
[TestFixture]
internal sealed class PlainJsonRecordScannerTests
{
    private const string ExportJsonNewer = "data/threatfox/export-json-recent-2026-07-24T1404Z.json";
    private const string ExportJsonOlder = "data/threatfox/export-json-recent-2026-07-24T0838Z.json";
    private const string ApiNdjson = "data/threatfox/api-get_iocs-data-records-2022-08-05-excerpt.ndjson";

    private static readonly string[] OddRecords =
    [
        """{"ioc":"a\"b.example","ioc_type":"domain","tags":"x"}""",
        """{"ioc_valuex":"prefix.example","ioc_typ":"domain","ioc_value":"y.example"}""",
        """{"ioc_type":"domain","ioc_value":"swapped.example"}""",
        """{"io\u0063":"escaped-name.example","ioc_type":"domain"}""",
        """{"ioc":"bücher.example","ioc_type":"domain","malware_printable":"Ünïcode"}""",
        """{"ioc":"n.example","confidence_level":-0,"anonymous":1,"is_compromised":true}""",
        """{"ioc":"n.example","confidence_level":1e2}""",
        """{"ioc":"n.example","confidence_level":75.0}""",
        """{"ioc":"n.example","confidence_level":123456789012345678901234}""",
        """{"ioc":"n.example","confidence_level":999999999999999999}""",
        """{"ioc":"n.example","id":-5,"reporter":false}""",
        """{"ioc":"n.example","tags":["a","b",null,"c,d"],"malware_alias":[]}""",
        """{"ioc":"n.example","tags":["a",1,true]}""",
        """{"ioc":"n.example","tags":[["nested"]]}""",
        """{"ioc":"n.example","extra":{"nested":[1,2,{"x":null}]},"more":[1.5,"s"]}""",
        """{"ioc":["array","ioc"]}""",
        """{}""",
        """{"ioc":"first.example","ioc":"second.example"}""",
        """{ "ioc" : "spaced.example" , "ioc_type" :	"domain" }""",
        """{"ioc":"","threat_type":"None","reference":"  padded  "}""",
        """{"ioc":"t.example","first_seen":"2026-05-26 10:00:00 UTC","last_seen":"2026-13-01 00:00:00"}""",
    ];

    private static IEnumerable<string> OddRecordCases => OddRecords;

    [Test]
    public async Task NewerExport_MatchesGeneralReader()
    {
        // Arrange
        var content = await File.ReadAllBytesAsync(SharedData.Require(ExportJsonNewer));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Records, Is.EqualTo(general.Records));
        Assert.That(plain.Error, Is.Null);
        Assert.That(plain.PlainRecords, Is.GreaterThan(4400), "only the first record and those at the end of a buffer fill are read by the general reader");
    }

    [Test]
    public async Task OlderExport_MatchesGeneralReader()
    {
        // Arrange
        var content = await File.ReadAllBytesAsync(SharedData.Require(ExportJsonOlder));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Records, Is.EqualTo(general.Records));
        Assert.That(plain.PlainRecords, Is.GreaterThan(4000));
    }

    [Test]
    public async Task ApiNdjson_MatchesGeneralReader()
    {
        // Arrange
        var content = await File.ReadAllBytesAsync(SharedData.Require(ApiNdjson));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Records, Is.EqualTo(general.Records));
        Assert.That(plain.PlainRecords, Is.GreaterThan(0));
    }

    [Test]
    public async Task SmallReads_MatchGeneralReader()
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes(ExportOf(Enumerable.Range(1, 40).Select(i => ExportRecord($"host{i}.example"))));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true, chunkBytes: 7);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Records, Is.EqualTo(general.Records));
        Assert.That(plain.PlainRecords, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(OddRecordCases))]
    public async Task ExportOddRecord_MatchesGeneralReader(string oddRecord)
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes(ExportOf([ExportRecord("a.example"), ExportRecord("b.example"), oddRecord, ExportRecord("c.example")]));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain, Is.EqualTo(general).Using<ReadOutcome>(SameRecordsAndError));
    }

    [TestCaseSource(nameof(OddRecordCases))]
    public async Task ApiOddRecord_MatchesGeneralReader(string oddRecord)
    {
        // Arrange
        var records = string.Join(",\n", ApiRecord("a.example"), ApiRecord("b.example"), oddRecord, ApiRecord("c.example"));
        var content = Encoding.UTF8.GetBytes($$"""{"query_status":"ok","data":[{{records}}]}""");

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain, Is.EqualTo(general).Using<ReadOutcome>(SameRecordsAndError));
    }

    [TestCaseSource(nameof(OddRecordCases))]
    public async Task NdjsonOddRecord_MatchesGeneralReader(string oddRecord)
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes(string.Join("\n", ApiRecord("a.example"), ApiRecord("b.example"), oddRecord, ApiRecord("c.example")) + "\n");

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain, Is.EqualTo(general).Using<ReadOutcome>(SameRecordsAndError));
    }

    [TestCase("{\"ioc\":\"x.example\" \"ioc_type\":\"domain\"}", TestName = "MissingComma_SameErrorPosition")]
    [TestCase("{\"ioc\":tru}", TestName = "BrokenLiteral_SameErrorPosition")]
    [TestCase("{\"ioc\":01}", TestName = "LeadingZero_SameErrorPosition")]
    [TestCase("{\"ioc\":\"tab\there\"}", TestName = "ControlCharacter_SameErrorPosition")]
    [TestCase("{\"ioc\":\"x\",}", TestName = "TrailingComma_SameErrorPosition")]
    public async Task BrokenRecord_SameErrorPosition(string brokenRecord)
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes(ExportOf([ExportRecord("a.example"), ExportRecord("b.example"), ExportRecord("c.example"), brokenRecord]));

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Error, Is.Not.Null);
        Assert.That(plain.Error, Is.EqualTo(general.Error));
    }

    [Test]
    public async Task OneLineExport_SameErrorColumn()
    {
        // Arrange
        var records = Enumerable.Range(1, 5).Select(i => $"\"{i}\":[{ApiRecord($"h{i}.example")}]");
        var content = Encoding.UTF8.GetBytes("{" + string.Join(",", records) + ",\"6\":[{\"ioc\":\"x\"}}}");

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.PlainRecords, Is.EqualTo(5));
        Assert.That(plain.Error, Is.EqualTo(general.Error));
    }

    [Test]
    public async Task GarbageAfterRoot_SameErrorPosition()
    {
        // Arrange
        var content = Encoding.UTF8.GetBytes(ExportOf([ExportRecord("a.example"), ExportRecord("b.example")]) + "\n  x\n");

        // Act
        var plain = await ReadAsync(content, readPlainRecords: true);
        var general = await ReadAsync(content, readPlainRecords: false);

        // Assert
        Assert.That(plain.Error, Is.Not.Null);
        Assert.That(plain.Error, Is.EqualTo(general.Error));
    }

    [Test]
    public async Task DamagedCopies_MatchGeneralReader()
    {
        // Arrange
        var original = Encoding.UTF8.GetBytes(ExportOf(Enumerable.Range(1, 12).Select(i => ExportRecord($"host{i}.example"))));
        var random = new Random(20261205);
        var mismatches = new List<string>();

        // Act
        for (var round = 0; round < 400; round++)
        {
            var damaged = Damage(original, random);
            var plain = await ReadAsync(damaged, readPlainRecords: true);
            var general = await ReadAsync(damaged, readPlainRecords: false);
            if (!SameRecordsAndError(plain, general))
            {
                mismatches.Add($"round {round}: plain {plain.Error ?? "ok"} / general {general.Error ?? "ok"}");
            }
        }

        // Assert
        Assert.That(mismatches, Is.Empty);
    }

    private static bool SameRecordsAndError(ReadOutcome left, ReadOutcome right) =>
        left.Records.SequenceEqual(right.Records) && left.Error == right.Error;

    /// <summary>Changes one to three bytes: deletes, duplicates or replaces each with a byte that matters to JSON.</summary>
    private static byte[] Damage(byte[] original, Random random)
    {
        ReadOnlySpan<byte> replacements = "\"\\{}[],:0-1.etn \n\tx"u8;
        var bytes = original.ToList();
        var changes = random.Next(1, 4);
        for (var change = 0; change < changes; change++)
        {
            var index = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes.RemoveAt(index);
                    break;
                case 1:
                    bytes.Insert(index, bytes[index]);
                    break;
                default:
                    bytes[index] = replacements[random.Next(replacements.Length)];
                    break;
            }
        }

        return [.. bytes];
    }

    private static string ExportRecord(string ioc) =>
        $$"""
        {
                    "ioc_value": "{{ioc}}",
                    "ioc_type": "domain",
                    "threat_type": "botnet_cc",
                    "malware": "win.vidar",
                    "malware_alias": null,
                    "malware_printable": "Vidar",
                    "first_seen_utc": "2026-07-24 13:50:06",
                    "last_seen_utc": "2026-07-24 14:00:00",
                    "confidence_level": 100,
                    "is_compromised": false,
                    "reference": null,
                    "tags": "a,b",
                    "anonymous": 0,
                    "reporter": "crep1x"
                }
        """;

    private static string ApiRecord(string ioc) => FeedContent.ApiRecord(ioc, iocType: "domain", tags: "[\"Vidar\",\"c2\"]");

    private static string ExportOf(IEnumerable<string> records) =>
        "{\n" + string.Join(",\n", records.Select((record, index) => $"    \"{1000 + index}\": [\n        {record}\n    ]")) + "\n}\n";

    private static async Task<ReadOutcome> ReadAsync(byte[] content, bool readPlainRecords, int chunkBytes = 0)
    {
        var records = new List<string>();
        string? error = null;
        long plainRecords = 0;
        Stream stream = chunkBytes > 0 ? new ChunkedStream(content, chunkBytes) : new MemoryStream(content, writable: false);
        try
        {
            await using var reader = await ThreatFoxFeedReader.OpenAsync(stream, "test.json");
            var cursor = reader.OpenCursor(readPlainRecords);
            try
            {
                while (await cursor.MoveNextAsync(CancellationToken.None))
                {
                    records.Add(JsonSerializer.Serialize(cursor.Current.Build()));
                }
            }
            finally
            {
                plainRecords = (cursor as JsonFeedReader)?.PlainRecords ?? 0;
            }
        }
        catch (FeedSourceException exception)
        {
            error = exception.Message;
        }

        return new ReadOutcome(records, error, plainRecords);
    }

    private sealed record ReadOutcome(List<string> Records, string? Error, long PlainRecords);

    /// <summary>A stream that returns at most a few bytes per read, so that records straddle buffer refills.</summary>
    private sealed class ChunkedStream(byte[] content, int chunkBytes) : MemoryStream(content, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunkBytes));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunkBytes)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkBytes)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunkBytes), cancellationToken);
    }
}
