using System.Text;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.ThreatFox;

[TestFixture]
internal sealed class ThreatFoxFeedReaderTests
{
    private static List<T> List<T>(params T[] items) => [.. items];

    [Test]
    public async Task ExportJson_Record_MapsEveryField()
    {
        // Arrange
        var content = FeedContent.ExportJson(FeedContent.ExportEntry(1856791, "sup.merahsm188.top", lastSeen: "\"2026-07-24 14:00:00\""));

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        var record = records.Single();
        Assert.That(record.Id, Is.EqualTo(1856791));
        Assert.That(record.IocValue, Is.EqualTo("sup.merahsm188.top"));
        Assert.That(record.IocType, Is.EqualTo("domain"));
        Assert.That(record.ThreatType, Is.EqualTo("botnet_cc"));
        Assert.That(record.Malware, Is.EqualTo("win.vidar"));
        Assert.That(record.MalwarePrintable, Is.EqualTo("Vidar"));
        Assert.That(record.MalwareAliases, Is.Empty);
        Assert.That(record.FirstSeen, Is.EqualTo(new DateTimeOffset(2026, 7, 24, 13, 50, 6, TimeSpan.Zero)));
        Assert.That(record.LastSeen, Is.EqualTo(new DateTimeOffset(2026, 7, 24, 14, 0, 0, TimeSpan.Zero)));
        Assert.That(record.Confidence, Is.EqualTo(100));
        Assert.That(record.IsCompromised, Is.False);
        Assert.That(record.Reference, Is.Null);
        Assert.That(record.Tags, Is.EqualTo(List("a", "b")));
        Assert.That(record.Anonymous, Is.False);
        Assert.That(record.Reporter, Is.EqualTo("crep1x"));
        Assert.That(record.InvalidField, Is.Null);
    }

    [Test]
    public async Task ExportJson_SeveralEntries_KeepsSourceOrderAndLines()
    {
        // Arrange
        var content = FeedContent.ExportJson(FeedContent.ExportEntry(3, "c.example"), FeedContent.ExportEntry(1, "a.example"));

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records.Select(record => record.Id), Is.EqualTo(List<long?>(3, 1)));
        Assert.That(records.Select(record => record.RecordNumber), Is.EqualTo(List<long>(1, 2)));
        Assert.That(records[0].Line, Is.EqualTo(3));
        Assert.That(records[1].Line, Is.EqualTo(21));
    }

    [Test]
    public async Task ExportJson_Empty_ReadsNothing()
    {
        // Act
        var records = await FeedContent.ReadTextAsync("{}");

        // Assert
        Assert.That(records, Is.Empty);
    }

    [Test]
    public async Task ApiResponse_Records_MapApiFieldNames()
    {
        // Arrange
        var content = FeedContent.ApiResponse(FeedContent.ApiRecord("124.198.132.98:2414", id: 42, lastSeen: "2026-05-27 08:00:00 UTC", tags: "[\"Remcos\",\"RAT\"]"));

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        var record = records.Single();
        Assert.That(record.Id, Is.EqualTo(42));
        Assert.That(record.IocValue, Is.EqualTo("124.198.132.98:2414"));
        Assert.That(record.FirstSeen, Is.EqualTo(new DateTimeOffset(2026, 5, 26, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(record.LastSeen, Is.EqualTo(new DateTimeOffset(2026, 5, 27, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(record.Tags, Is.EqualTo(List("Remcos", "RAT")));
    }

    [Test]
    public async Task ApiResponse_DataObject_ReadsOneRecord()
    {
        // Arrange: the "ioc" query returns one record, with nested details, as an object.
        var content = """{"query_status":"ok","data":{"id":"41","ioc":"gaga.com","ioc_type":"domain","threat_type":"botnet_cc","malware":"win.gozi","confidence_level":50,"first_seen":"2021-03-01 10:00:00 UTC","malware_samples":[{"sha256_hash":"x"}],"credits":{"a":1}}}""";

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records.Single().IocValue, Is.EqualTo("gaga.com"));
        Assert.That(records.Single().InvalidField, Is.Null);
    }

    [Test]
    public async Task ApiResponse_NoResult_IsEmpty()
    {
        // Arrange
        var content = """{"query_status":"no_result","data":"Your search did not yield any results"}""";

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records, Is.Empty);
    }

    [TestCase("unknown_auth_key", ThreatFoxErrorKind.Unauthorized, "query_status 'unknown_auth_key' instead of records")]
    [TestCase("illegal_days", ThreatFoxErrorKind.IllegalParameter, "query_status 'illegal_days' instead of records")]
    [TestCase("illegal_search_term", ThreatFoxErrorKind.IllegalParameter, "Save the response of a successful query")]
    [TestCase("ratelimited", ThreatFoxErrorKind.RateLimited, "Nothing was imported")]
    [TestCase("something_new", ThreatFoxErrorKind.UnknownQueryStatus, "Source 'test-source'")]
    public async Task ApiResponse_ErrorStatus_ThrowsTypedError(string status, ThreatFoxErrorKind kind, string expectedText)
    {
        // Arrange
        var content = FeedContent.Utf8($$"""{"query_status":"{{status}}","data":"ThreatFox message"}""");

        // Act
        var exception = await FeedContent.ReadFailureAsync<ThreatFoxException>(content);

        // Assert
        Assert.That(exception.Kind, Is.EqualTo(kind));
        Assert.That(exception.QueryStatus, Is.EqualTo(status));
        Assert.That(exception.Message, Does.Contain(expectedText));
        Assert.That(exception.Message, Does.Contain("ThreatFox message"));
    }

    [TestCase("\"ioc\":\"192.0.2.1:443\",\"ioc\":\"192.0.2.2:80\"", "ioc")]
    [TestCase("\"ioc\":\"192.0.2.1:443\",\"ioc_value\":\"192.0.2.2:80\"", "ioc")]
    [TestCase("\"ioc\":\"192.0.2.1:443\",\"confidence_level\":75,\"confidence_level\":\"100\"", "confidence_level")]
    public async Task Ndjson_RepeatedField_MarkedRepeated(string members, string field)
    {
        // Arrange
        var plain = FeedContent.ApiRecord("198.51.100.1:443");
        var content = plain + "\n" + plain + "\n{" + members + ",\"ioc_type\":\"ip:port\"}\n";

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records[2].InvalidField, Is.EqualTo(ThreatFoxRecordBuilder.RepeatedField));
        Assert.That(records[2].InvalidFieldValue, Is.EqualTo(field));
        Assert.That(records[1].InvalidField, Is.Null);
    }

    [Test]
    public async Task ApiResponse_StatusAfterData_StillChecked()
    {
        // Arrange
        var content = FeedContent.Utf8($$"""{"data":[{{FeedContent.ApiRecord("1.2.3.4:80")}}],"query_status":"illegal_days"}""");

        // Act
        var exception = await FeedContent.ReadFailureAsync<ThreatFoxException>(content);

        // Assert
        Assert.That(exception.Kind, Is.EqualTo(ThreatFoxErrorKind.IllegalParameter));
    }

    [Test]
    public async Task ApiResponse_MissingStatus_ThrowsInvalidResponse()
    {
        // Arrange
        var content = FeedContent.Utf8("""{"data":[]}""");

        // Act
        var exception = await FeedContent.ReadFailureAsync<ThreatFoxException>(content);

        // Assert
        Assert.That(exception.Kind, Is.EqualTo(ThreatFoxErrorKind.InvalidResponse));
    }

    [Test]
    public async Task Ndjson_Lines_ReadWithLineNumbers()
    {
        // Arrange
        var content = FeedContent.ApiRecord("1.2.3.4:80", id: 1) + "\n\n" + FeedContent.ApiRecord("5.6.7.8:443", id: 2) + "\n";

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records.Select(record => record.IocValue), Is.EqualTo(List("1.2.3.4:80", "5.6.7.8:443")));
        Assert.That(records.Select(record => record.Line), Is.EqualTo(List<long>(1, 3)));
    }

    [TestCase(2)]
    [TestCase(40)]
    [TestCase(120)]
    public async Task Ndjson_LastLineCutOff_ThrowsTruncated(int bytesCut)
    {
        // Arrange
        var text = FeedContent.ApiRecord("1.2.3.4:80", id: 1) + "\n" + FeedContent.ApiRecord("5.6.7.8:443", id: 2) + "\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var content = new MemoryStream(bytes, 0, bytes.Length - bytesCut);

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Message, Does.Contain("truncated"));
        Assert.That(exception.Line, Is.EqualTo(2));
    }

    [Test]
    public async Task Ndjson_TrailingWhitespace_ReadsAll()
    {
        // Arrange
        var content = FeedContent.ApiRecord("1.2.3.4:80", id: 1) + "\r\n \t\n\n";

        // Act
        var records = await FeedContent.ReadTextAsync(content);

        // Assert
        Assert.That(records, Has.Count.EqualTo(1));
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    [TestCase("\"None\"")]
    public async Task Fields_AbsentSpellings_ReadAsNull(string absent)
    {
        // Arrange
        var content = $$"""{"ioc":"a.example","reference":{{absent}},"malware_alias":{{absent}},"tags":{{absent}},"last_seen":{{absent}},"reporter":{{absent}}}""";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Reference, Is.Null);
        Assert.That(record.MalwareAliases, Is.Empty);
        Assert.That(record.Tags, Is.Empty);
        Assert.That(record.LastSeen, Is.Null);
        Assert.That(record.Reporter, Is.Null);
        Assert.That(record.InvalidField, Is.Null);
    }

    [TestCase("1", true)]
    [TestCase("0", false)]
    [TestCase("\"1\"", true)]
    [TestCase("\"0\"", false)]
    [TestCase("true", true)]
    [TestCase("\"True\"", true)]
    [TestCase("\"False\"", false)]
    public async Task Anonymous_NumberStringOrBoolean_Reads(string json, bool expected)
    {
        // Arrange
        var content = $$"""{"ioc":"a.example","anonymous":{{json}},"is_compromised":{{json}}}""";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Anonymous, Is.EqualTo(expected));
        Assert.That(record.IsCompromised, Is.EqualTo(expected));
    }

    [Test]
    public async Task Fields_UnknownAndEscaped_IgnoredOrMapped()
    {
        // Arrange: an escaped property name still maps; unknown fields of any type are skipped.
        var content = """{"extra":{"deep":[1,2,{"x":null}]},"ioc\u005fvalue":"a.example","confidence_level":"80","more":[true]}""";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.IocValue, Is.EqualTo("a.example"));
        Assert.That(record.Confidence, Is.EqualTo(80));
        Assert.That(record.InvalidField, Is.Null);
    }

    [TestCase("\"first_seen\":\"yesterday\"", "first_seen", "yesterday")]
    [TestCase("\"confidence_level\":101", "confidence_level", "101")]
    [TestCase("\"confidence_level\":\"high\"", "confidence_level", "high")]
    [TestCase("\"confidence_level\":7.5", "confidence_level", "7.5")]
    [TestCase("\"id\":\"abc\"", "id", "abc")]
    [TestCase("\"anonymous\":2", "anonymous", "2")]
    public async Task Fields_WrongForm_MarkedInvalid(string member, string field, string raw)
    {
        // Arrange
        var content = "{\"ioc\":\"a.example\"," + member + "}";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.InvalidField, Is.EqualTo(field));
        Assert.That(record.InvalidFieldValue, Is.EqualTo(raw));
    }

    [Test]
    public async Task Csv_15Columns_MapsByHeader()
    {
        // Arrange
        var content = "#####\n# ThreatFox IOCs: recent additions - CSV format\n#\n" + FeedContent.CsvHeader15 + "\n"
            + "\"2026-04-12 04:49:28\", \"1784524\", \"call4-back.veq4tralis.in.net\", \"domain\", \"payload_delivery\", \"js.clearfake\", \"None\", \"ClearFake\", \"2026-04-12 04:49:29\", \"100\", \"False\", \"None\", \"ClearFake,Rock4er\", \"1\", \"ttakvam\"\n"
            + "# Number of entries: 1";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Id, Is.EqualTo(1784524));
        Assert.That(record.IocValue, Is.EqualTo("call4-back.veq4tralis.in.net"));
        Assert.That(record.Malware, Is.EqualTo("js.clearfake"));
        Assert.That(record.MalwareAliases, Is.Empty);
        Assert.That(record.LastSeen, Is.EqualTo(new DateTimeOffset(2026, 4, 12, 4, 49, 29, TimeSpan.Zero)));
        Assert.That(record.Confidence, Is.EqualTo(100));
        Assert.That(record.IsCompromised, Is.False);
        Assert.That(record.Reference, Is.Null);
        Assert.That(record.Tags, Is.EqualTo(List("ClearFake", "Rock4er")));
        Assert.That(record.Anonymous, Is.True);
        Assert.That(record.Line, Is.EqualTo(5));
    }

    [Test]
    public async Task Csv_14Columns_MapsByHeader()
    {
        // Arrange
        var content = FeedContent.CsvHeader14 + "\n"
            + "\"2023-01-02 03:04:05\", \"900\", \"evil.example\", \"domain\", \"botnet_cc\", \"win.agent_tesla\", \"AgenTesla\", \"Agent Tesla\", \"\", \"75\", \"https://ref.example/x\", \"None\", \"0\", \"someone\"\n";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Id, Is.EqualTo(900));
        Assert.That(record.MalwareAliases, Is.EqualTo(List("AgenTesla")));
        Assert.That(record.LastSeen, Is.Null);
        Assert.That(record.Confidence, Is.EqualTo(75));
        Assert.That(record.IsCompromised, Is.Null);
        Assert.That(record.Reference, Is.EqualTo("https://ref.example/x"));
        Assert.That(record.Reporter, Is.EqualTo("someone"));
        Assert.That(record.InvalidField, Is.Null);
    }

    [Test]
    public async Task Csv_ReorderedHeaderAsPlainRow_MapsByName()
    {
        // Arrange
        var content = "\"ioc_value\",\"ioc_type\",\"first_seen_utc\",\"new_column\",\"confidence_level\",\"threat_type\"\r\n\"1.2.3.4:80\",\"ip:port\",\"2026-01-01 00:00:00\",\"x\",\"50\",\"botnet_cc\"\r\n";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.IocValue, Is.EqualTo("1.2.3.4:80"));
        Assert.That(record.IocType, Is.EqualTo("ip:port"));
        Assert.That(record.FirstSeen, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase(15)]
    [TestCase(14)]
    public async Task Csv_NoHeader_InfersColumnsByCount(int columns)
    {
        // Arrange
        var values = new List<string> { "2026-01-01 00:00:00", "7", "a.example", "domain", "botnet_cc", "win.x", "None", "X", "", "50" };
        if (columns == 15)
        {
            values.Add("True");
        }

        values.AddRange(["None", "t1", "0", "r"]);
        var content = string.Join(", ", values.Select(value => $"\"{value}\""));

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.IocValue, Is.EqualTo("a.example"));
        Assert.That(record.Reporter, Is.EqualTo("r"));
        Assert.That(record.Tags, Is.EqualTo(List("t1")));
    }

    [Test]
    public async Task Csv_RowOfWrongWidth_MarkedMalformed()
    {
        // Arrange
        var content = FeedContent.CsvHeader15 + "\n\"2026-01-01 00:00:00\", \"7\", \"a.example\"\n";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.InvalidField, Is.EqualTo(CsvFeedReader.RowField));
        Assert.That(record.InvalidFieldValue, Does.StartWith("3 values where the header has 15"));
    }

    [Test]
    public async Task Csv_LastRowCutOff_ThrowsTruncated()
    {
        // Arrange
        var content = FeedContent.Utf8(FeedContent.CsvHeader15 + "\n\"2026-01-01 00:00:00\", \"7\", \"a.example\"");

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Message, Does.Contain("truncated"));
        Assert.That(exception.Line, Is.EqualTo(2));
    }

    [TestCase("\"0\",")]
    [TestCase("\"0\", ")]
    public async Task Csv_LastRowCutAfterSeparator_ThrowsTruncated(string cutEnd)
    {
        // Arrange
        var row = "\"2026-07-20 00:00:00\", \"1\", \"198.51.100.1:443\", \"ip:port\", \"botnet_cc\", \"win.remcos\", \"None\", \"Remcos\", \"\", \"75\", \"False\", \"None\", \"a,b\", ";
        var content = FeedContent.Utf8(FeedContent.CsvHeader15 + "\n" + row + "\"0\", \"x\"\n" + row + cutEnd);

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Message, Does.Contain("it ends with a separator"));
        Assert.That(exception.Line, Is.EqualTo(3));
    }

    [Test]
    public async Task Csv_TextAfterClosingQuote_MarkedMalformed()
    {
        // Arrange
        var content = "\"ioc_value\",\"ioc_type\",\"threat_type\",\"confidence_level\",\"first_seen_utc\"\n\"198.51.100.1:443\"x, \"ip:port\", \"botnet_cc\", \"50\", \"2026-01-01 00:00:00\"\n";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.InvalidField, Is.EqualTo(CsvFeedReader.RowField));
        Assert.That(record.InvalidFieldValue, Does.StartWith("text after the closing quote of value 1"));
    }

    [Test]
    public async Task Csv_QuotedCommaAndDoubledQuote_Unescaped()
    {
        // Arrange
        var content = "\"ioc_value\",\"tags\",\"reference\",\"ioc_type\",\"threat_type\",\"confidence_level\",\"first_seen_utc\"\n\"a.example\", \"x,y\", \"say \"\"hi\"\"\", \"domain\", \"botnet_cc\", \"50\", \"2026-01-01 00:00:00\"\n";

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Tags, Is.EqualTo(List("x", "y")));
        Assert.That(record.Reference, Is.EqualTo("say \"hi\""));
    }

    [Test]
    public async Task Csv_UnquotedAsSpreadsheetSavesIt_Reads()
    {
        // Arrange
        var content = "first_seen_utc,ioc_id,ioc_value,ioc_type,threat_type,fk_malware,malware_alias,malware_printable,last_seen_utc,confidence_level,is_compromised,reference,tags,anonymous,reporter\r\n"
            + "2026-05-26 10:00:00,1784524,124.198.132.98:2414,ip:port,botnet_cc,win.remcos,,Remcos,,75,False,,\"Remcos,RAT\",0,abuse_ch\r\n";

        // Act
        var (format, records) = await FeedContent.ReadAllAsync(FeedContent.Utf8(content));

        // Assert
        Assert.That(format, Is.EqualTo(ThreatFoxFeedFormat.ExportCsv));
        Assert.That(records.Single().IocValue, Is.EqualTo("124.198.132.98:2414"));
        Assert.That(records.Single().Tags, Is.EqualTo(List("Remcos", "RAT")));
        Assert.That(records.Single().Confidence, Is.EqualTo(75));
    }

    [Test]
    public async Task Csv_QuotedLineBreak_StaysInValue()
    {
        // Arrange
        var header = "\"ioc_value\",\"reference\",\"ioc_type\",\"threat_type\",\"confidence_level\",\"first_seen_utc\"\n";
        var rows = "\"a.example\",\"line one\nline \"\"two\"\"\",\"domain\",\"botnet_cc\",\"50\",\"2026-01-01 00:00:00\"\n\"b.example\" , \"\" ,\"domain\",\"botnet_cc\",\"60\",\"2026-01-01 00:00:00\"\n";

        // Act
        var records = await FeedContent.ReadTextAsync(header + rows);

        // Assert
        Assert.That(records.Select(record => record.IocValue), Is.EqualTo(List("a.example", "b.example")));
        Assert.That(records[0].Reference, Is.EqualTo("line one\nline \"two\""));
        Assert.That(records[1].Confidence, Is.EqualTo(60));
        Assert.That(records[1].Line, Is.EqualTo(4));
    }

    [Test]
    public async Task Csv_HeaderMissingRequiredColumns_Throws()
    {
        // Arrange
        var content = FeedContent.Utf8("# comment\n\"ioc_value\", \"ioc_type\", \"tags\"\n\"a.example\", \"domain\", \"x\"\n");

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Line, Is.EqualTo(2));
        Assert.That(exception.Message, Does.Contain("without the column(s) threat_type, confidence_level, first_seen_utc"));
        Assert.That(exception.Message, Does.Contain("Nothing was imported"));
    }

    [Test]
    public async Task Csv_NoHeaderAndOddWidth_ThrowsNamingLine()
    {
        // Arrange
        var content = FeedContent.Utf8("# comment\n\"a\", \"b\", \"c\"\n");

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Line, Is.EqualTo(2));
        Assert.That(exception.Message, Does.Contain("no CSV header"));
    }

    [Test]
    public async Task Csv_UnterminatedQuote_ThrowsTruncated()
    {
        // Arrange
        var content = FeedContent.Utf8(FeedContent.CsvHeader15 + "\n\"2026-01-01 00:00:00\", \"7\", \"a.exa");

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Message, Does.Contain("truncated"));
        Assert.That(exception.Line, Is.EqualTo(2));
    }

    [TestCase("export.json", "{\n\"1\": [{\"ioc_value\": \"a.example\"}]\n}")]
    [TestCase("export.csv", "\"ioc_value\",\"ioc_type\",\"threat_type\",\"confidence_level\",\"first_seen_utc\"\n\"a.example\",\"domain\",\"botnet_cc\",\"50\",\"2026-01-01 00:00:00\"\n")]
    public async Task Zip_HoldingOneFile_ReadsIt(string name, string inner)
    {
        // Arrange
        using var zip = FeedContent.Zip((name, inner));

        // Act
        var (format, records) = await FeedContent.ReadAllAsync(zip);

        // Assert
        Assert.That(records.Single().IocValue, Is.EqualTo("a.example"));
        Assert.That(format, Is.Not.EqualTo(ThreatFoxFeedFormat.Zip));
    }

    [Test]
    public async Task Zip_NonSeekableStream_ReadsViaCopy()
    {
        // Arrange
        var zip = new NonSeekableStream(FeedContent.Zip(("full.json", FeedContent.ExportJson(FeedContent.ExportEntry(5, "z.example")))));

        // Act
        var (_, records) = await FeedContent.ReadAllAsync(zip);

        // Assert
        Assert.That(records.Single().Id, Is.EqualTo(5));
    }

    [Test]
    public async Task Zip_FormatReported()
    {
        // Arrange
        using var zip = FeedContent.Zip(("full.csv", "\"ioc_value\"\n\"a.example\"\n"));

        // Act
        await using var reader = await ThreatFoxFeedReader.OpenAsync(zip, "full.zip");

        // Assert
        Assert.That(reader.Format, Is.EqualTo(ThreatFoxFeedFormat.Zip));
        Assert.That(reader.ContainedFormat, Is.EqualTo(ThreatFoxFeedFormat.ExportCsv));
    }

    [Test]
    public async Task Zip_TwoFiles_ThrowsNamingThem()
    {
        // Arrange
        using var zip = FeedContent.Zip(("a.json", "{}"), ("b.csv", "#"));

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(zip, "two.zip");

        // Assert
        Assert.That(exception.Message, Does.Contain("2 files (a.json, b.csv)"));
    }

    [Test]
    public async Task Zip_Truncated_ThrowsFormatError()
    {
        // Arrange
        var bytes = FeedContent.Zip(("full.json", new string('x', 5000))).ToArray();
        using var truncated = new MemoryStream(bytes[..(bytes.Length / 2)]);

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(truncated, "cut.zip");

        // Assert
        Assert.That(exception.Message, Does.Contain("'cut.zip'"));
    }

    [Test]
    public async Task Zip_Nested_Throws()
    {
        // Arrange
        var innerZip = FeedContent.Zip(("full.json", "{}")).ToArray();
        using var outer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(outer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("inner.zip").Open();
            entry.Write(innerZip);
        }

        outer.Position = 0;

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(outer, "outer.zip");

        // Assert
        Assert.That(exception.Message, Does.Contain("another ZIP"));
    }

    [Test]
    public async Task Json_Truncated_ThrowsWithEndPosition()
    {
        // Arrange
        var full = FeedContent.ExportJson(FeedContent.ExportEntry(1, "a.example"), FeedContent.ExportEntry(2, "b.example"));
        var cut = full[..(full.Length / 2)];

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(FeedContent.Utf8(cut), "recent.json");

        // Assert
        Assert.That(exception.Message, Does.Contain("'recent.json'"));
        Assert.That(exception.Message, Does.Contain("truncated"));
        Assert.That(exception.Line, Is.EqualTo(cut.Count(c => c == '\n') + 1));
    }

    [Test]
    public async Task Json_SyntaxError_ThrowsWithLine()
    {
        // Arrange
        var content = "{\n\"1\": [\n{\"ioc_value\": \"a\",,}\n]\n}";

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(FeedContent.Utf8(content));

        // Assert
        Assert.That(exception.Line, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("not valid JSON at line 3"));
    }

    [Test]
    public async Task Json_InvalidUtf8_ThrowsWithPosition()
    {
        // Arrange
        var prefix = Encoding.UTF8.GetBytes("{\n\"1\": [{\"ioc_value\": \"ab");
        var bytes = prefix.Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}]\n}")).ToArray();

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(new MemoryStream(bytes));

        // Assert
        Assert.That(exception.Message, Does.Contain("not valid UTF-8 at line 2, byte 24"));
        Assert.That(exception.Line, Is.EqualTo(2));
        Assert.That(exception.Column, Is.EqualTo(24));
    }

    [Test]
    public async Task Csv_InvalidUtf8_ThrowsWithPosition()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("\"ioc_value\"\n\"a").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"\n")).ToArray();

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(new MemoryStream(bytes));

        // Assert
        Assert.That(exception.Line, Is.EqualTo(2));
        Assert.That(exception.Column, Is.EqualTo(3));
    }

    [Test]
    public async Task Json_ExportWithWrongShape_ThrowsExpectation()
    {
        // Arrange
        var content = FeedContent.Utf8("{\"1\": \"not an array\"}");

        // Act
        var exception = await FeedContent.ReadFailureAsync<FeedFormatException>(content);

        // Assert
        Assert.That(exception.Message, Does.Contain("an array of records under IOC id '1'"));
    }

    [Test]
    public async Task Json_LargeContent_ReadsAcrossRefills()
    {
        // Arrange: far more than one read window, written through a stream that returns small chunks.
        const int Count = 3000;
        var entries = Enumerable.Range(1, Count).Select(id => FeedContent.ExportEntry(id, $"host{id}.example"));
        var content = new ChunkedStream(Encoding.UTF8.GetBytes(FeedContent.ExportJson(entries.ToArray())), chunkSize: 1000);

        // Act
        var (_, records) = await FeedContent.ReadAllAsync(content);

        // Assert
        Assert.That(records, Has.Count.EqualTo(Count));
        Assert.That(records[^1].IocValue, Is.EqualTo($"host{Count}.example"));
        Assert.That(records[^1].Line, Is.EqualTo(((Count - 1) * 18) + 3));
    }

    [Test]
    public async Task Json_RecordLargerThanWindow_GrowsWindow()
    {
        // Arrange
        var hugeTags = "\"" + string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"t{i}")) + "\"";
        var content = FeedContent.ExportJson(FeedContent.ExportEntry(1, "a.example", tags: hugeTags));

        // Act
        var record = (await FeedContent.ReadTextAsync(content)).Single();

        // Assert
        Assert.That(record.Tags, Has.Count.EqualTo(40_000));
    }

    [Test]
    public async Task Csv_MultiByteCharacterAcrossChunks_Reads()
    {
        // Arrange: every chunk boundary falls inside some multi-byte character.
        var content = "\"ioc_value\",\"tags\",\"ioc_type\",\"threat_type\",\"confidence_level\",\"first_seen_utc\"\n"
            + string.Concat(Enumerable.Range(0, 200).Select(i => $"\"a{i}.example\",\"bücher€𝄞\",\"domain\",\"botnet_cc\",\"50\",\"2026-01-01 00:00:00\"\n"));
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(content), chunkSize: 7);

        // Act
        var (_, records) = await FeedContent.ReadAllAsync(stream);

        // Assert
        Assert.That(records, Has.Count.EqualTo(200));
        Assert.That(records.All(record => record.Tags.Single() == "bücher€𝄞"), Is.True);
    }
}

/// <summary>A stream that returns at most <c>chunkSize</c> bytes per read, to exercise buffer refills.</summary>
internal sealed class ChunkedStream(byte[] content, int chunkSize) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var length = Math.Min(Math.Min(count, chunkSize), content.Length - position);
        Array.Copy(content, position, buffer, offset, length);
        position += length;
        return length;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
