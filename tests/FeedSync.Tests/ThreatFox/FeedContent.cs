using System.IO.Compression;
using System.Text;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.ThreatFox;

/// <summary>Builds small ThreatFox contents in every shape, and reads them back, for reader and pipeline tests.</summary>
internal static class FeedContent
{
    /// <summary>The 15-column header of the CSV export as of 2026.</summary>
    public const string CsvHeader15 =
        "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\",\"threat_type\",\"fk_malware\",\"malware_alias\",\"malware_printable\",\"last_seen_utc\",\"confidence_level\",\"is_compromised\",\"reference\",\"tags\",\"anonymous\",\"reporter\"";

    /// <summary>The same header without <c>is_compromised</c>: 14 columns.</summary>
    public const string CsvHeader14 =
        "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\",\"threat_type\",\"fk_malware\",\"malware_alias\",\"malware_printable\",\"last_seen_utc\",\"confidence_level\",\"reference\",\"tags\",\"anonymous\",\"reporter\"";

    /// <summary>Returns one API record object (API field names).</summary>
    public static string ApiRecord(
        string ioc,
        string iocType = "ip:port",
        long id = 1,
        string threatType = "botnet_cc",
        string malware = "win.remcos",
        string printable = "Remcos",
        int confidence = 75,
        string firstSeen = "2026-05-26 10:00:00 UTC",
        string? lastSeen = null,
        string tags = "[\"Remcos\"]") =>
        $$"""{"id":"{{id}}","ioc":"{{ioc}}","threat_type":"{{threatType}}","ioc_type":"{{iocType}}","malware":"{{malware}}","malware_printable":"{{printable}}","malware_alias":null,"confidence_level":{{confidence}},"first_seen":"{{firstSeen}}","last_seen":{{(lastSeen is null ? "null" : $"\"{lastSeen}\"")}},"reference":null,"reporter":"tester","tags":{{tags}}}""";

    /// <summary>Returns an API response body holding <paramref name="records"/>.</summary>
    public static string ApiResponse(params string[] records) =>
        $$"""{"query_status":"ok","data":[{{string.Join(",", records)}}]}""";

    /// <summary>Returns one export JSON entry (export field names) keyed by <paramref name="id"/>.</summary>
    public static string ExportEntry(long id, string iocValue, string iocType = "domain", int confidence = 100, string firstSeen = "2026-07-24 13:50:06", string lastSeen = "null", string tags = "\"a,b\"") =>
        $$"""
        "{{id}}": [
            {
                "ioc_value": "{{iocValue}}",
                "ioc_type": "{{iocType}}",
                "threat_type": "botnet_cc",
                "malware": "win.vidar",
                "malware_alias": null,
                "malware_printable": "Vidar",
                "first_seen_utc": "{{firstSeen}}",
                "last_seen_utc": {{lastSeen}},
                "confidence_level": {{confidence}},
                "is_compromised": false,
                "reference": null,
                "tags": {{tags}},
                "anonymous": 0,
                "reporter": "crep1x"
            }
        ]
        """;

    /// <summary>Returns an export JSON document of <paramref name="entries"/>.</summary>
    public static string ExportJson(params string[] entries) => "{\n" + string.Join(",\n", entries) + "\n}\n";

    /// <summary>Returns a UTF-8 stream over <paramref name="text"/>.</summary>
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Returns a ZIP archive holding the given files.</summary>
    public static MemoryStream Zip(params (string Name, string Content)[] files)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        zip.Position = 0;
        return zip;
    }

    /// <summary>Opens <paramref name="content"/> and reads every record.</summary>
    public static async Task<(ThreatFoxFeedFormat Format, List<ThreatFoxRecord> Records)> ReadAllAsync(Stream content, string sourceName = "test-source")
    {
        await using var reader = await ThreatFoxFeedReader.OpenAsync(content, sourceName);
        var records = new List<ThreatFoxRecord>();
        await foreach (var record in reader.ReadRecordsAsync())
        {
            records.Add(record);
        }

        return (reader.RecordFormat, records);
    }

    /// <summary>Reads every record of <paramref name="text"/>.</summary>
    public static async Task<List<ThreatFoxRecord>> ReadTextAsync(string text) => (await ReadAllAsync(Utf8(text))).Records;

    /// <summary>Reads <paramref name="content"/> and returns the exception that reading throws.</summary>
    public static async Task<TException> ReadFailureAsync<TException>(Stream content, string sourceName = "test-source")
        where TException : Exception
    {
        try
        {
            await ReadAllAsync(content, sourceName);
        }
        catch (TException exception)
        {
            return exception;
        }

        Assert.Fail($"Reading did not throw {typeof(TException).Name}.");
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>A stream that cannot seek, like an HTTP response body.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
