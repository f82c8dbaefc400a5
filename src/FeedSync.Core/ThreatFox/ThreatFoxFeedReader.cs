using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace FeedSync.ThreatFox;

/// <summary>
/// Reads ThreatFox content in any published shape (export JSON, export CSV, API response, NDJSON, or a ZIP
/// holding one of them), detected from the content. Records are streamed: memory is bounded by the largest
/// record, not the size of the content.
/// </summary>
/// <remarks>
/// Broken content throws <see cref="FeedFormatException"/> when the reader reaches it, which can be after
/// earlier records were returned. Callers that must import all or nothing, like the ingest pipeline, collect
/// the records and keep nothing when reading throws.
/// </remarks>
public sealed class ThreatFoxFeedReader : IAsyncDisposable
{
    private readonly Utf8StreamBuffer buffer;
    private readonly List<IAsyncDisposable> ownedResources;

    private ThreatFoxFeedReader(Utf8StreamBuffer buffer, ThreatFoxFeedFormat format, ThreatFoxFeedFormat? containedFormat, List<IAsyncDisposable> ownedResources)
    {
        this.buffer = buffer;
        Format = format;
        ContainedFormat = containedFormat;
        this.ownedResources = ownedResources;
    }

    /// <summary>The detected format of the content.</summary>
    public ThreatFoxFeedFormat Format { get; }

    /// <summary>For a ZIP, the format of the file inside it; otherwise null.</summary>
    public ThreatFoxFeedFormat? ContainedFormat { get; }

    /// <summary>The format the records are parsed from: <see cref="ContainedFormat"/> for a ZIP, else <see cref="Format"/>.</summary>
    public ThreatFoxFeedFormat RecordFormat => ContainedFormat ?? Format;

    /// <summary>
    /// Detects the format of <paramref name="content"/> and prepares to read it. <paramref name="sourceName"/>
    /// (a file path or <c>threatfox</c>) appears in every error. The caller keeps ownership of the stream.
    /// </summary>
    /// <exception cref="FeedFormatException">The content is empty, an HTML page, or in no known format.</exception>
    public static async Task<ThreatFoxFeedReader> OpenAsync(Stream content, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);

        var startPosition = content.CanSeek ? content.Position : 0;
        var buffer = new Utf8StreamBuffer(content, sourceName);
        ThreatFoxFeedFormat format;
        try
        {
            await buffer.FillAtLeastAsync(FeedFormatDetector.PrefixBytes, cancellationToken);
            format = FeedFormatDetector.Detect(buffer.Pending, sourceName);
            if (format != ThreatFoxFeedFormat.Zip)
            {
                PrepareText(buffer);
                return new ThreatFoxFeedReader(buffer, format, null, []);
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        var owned = new List<IAsyncDisposable>();
        try
        {
            var seekable = await RewindAsync(content, startPosition, buffer, owned, cancellationToken);
            buffer.Dispose();
            return await OpenZipEntryAsync(seekable, sourceName, owned, cancellationToken);
        }
        catch
        {
            buffer.Dispose();
            await DisposeAllAsync(owned);
            throw;
        }
    }

    /// <summary>Reads every record in source order.</summary>
    /// <exception cref="FeedSourceException">The content is broken, or an API response carries an error status.</exception>
    public async IAsyncEnumerable<ThreatFoxRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = OpenCursor();
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            yield return cursor.Current.Build();
        }
    }

    /// <summary>
    /// Starts reading the records into one reused builder; call it once per reader. Tests pass false for
    /// <paramref name="readPlainRecords"/> to read every JSON record with the general reader.
    /// </summary>
    internal IThreatFoxRecordCursor OpenCursor(bool readPlainRecords = true) => RecordFormat switch
    {
        ThreatFoxFeedFormat.ExportCsv => new CsvFeedReader(buffer),
        _ => new JsonFeedReader(buffer, RecordFormat, readPlainRecords),
    };

    public async ValueTask DisposeAsync()
    {
        buffer.Dispose();
        await DisposeAllAsync(ownedResources);
    }

    private static void PrepareText(Utf8StreamBuffer buffer)
    {
        if (buffer.Pending is [0xEF, 0xBB, 0xBF, ..])
        {
            buffer.Advance(3);
        }

        buffer.StartUtf8Validation();
    }

    /// <summary>
    /// Returns the content from its start as a seekable stream, which <see cref="ZipArchive"/> needs. A
    /// non-seekable stream is copied to a temporary file, starting with the bytes already read for detection.
    /// </summary>
    private static async Task<Stream> RewindAsync(Stream content, long startPosition, Utf8StreamBuffer buffer, List<IAsyncDisposable> owned, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            content.Position = startPosition;
            return content;
        }

        var copy = new FileStream(
            Path.GetTempFileName(),
            FileMode.Create,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        owned.Add(copy);
        await copy.WriteAsync(buffer.Pending.ToArray(), cancellationToken);
        await content.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return copy;
    }

    private static async Task<ThreatFoxFeedReader> OpenZipEntryAsync(Stream zip, string sourceName, List<IAsyncDisposable> owned, CancellationToken cancellationToken)
    {
        var archive = await OpenArchiveAsync(zip, sourceName, cancellationToken);
        owned.Add(archive);
        var entry = SingleFileEntry(archive, sourceName);
        var entrySource = $"{sourceName}!{entry.FullName}";
        var entryStream = await OpenEntryAsync(entry, entrySource, cancellationToken);
        owned.Add(entryStream);

        var buffer = new Utf8StreamBuffer(entryStream, entrySource);
        try
        {
            await buffer.FillAtLeastAsync(FeedFormatDetector.PrefixBytes, cancellationToken);
            var containedFormat = FeedFormatDetector.Detect(buffer.Pending, entrySource);
            if (containedFormat == ThreatFoxFeedFormat.Zip)
            {
                throw new FeedFormatException(sourceName, $"Source '{sourceName}' is a ZIP holding another ZIP ('{entry.FullName}'); extract the outer archive first. Nothing was imported.");
            }

            PrepareText(buffer);
            return new ThreatFoxFeedReader(buffer, ThreatFoxFeedFormat.Zip, containedFormat, owned);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static async Task<ZipArchive> OpenArchiveAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            return await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw new FeedFormatException(sourceName, $"Source '{sourceName}' starts like a ZIP archive but cannot be opened as one ({exception.Message}); it is probably truncated. Download it again. Nothing was imported.", innerException: exception);
        }
    }

    private static async Task<Stream> OpenEntryAsync(ZipArchiveEntry entry, string entrySource, CancellationToken cancellationToken)
    {
        try
        {
            return await entry.OpenAsync(cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw new FeedFormatException(entrySource, $"Source '{entrySource}' cannot be decompressed ({exception.Message}); the ZIP is corrupt. Download it again. Nothing was imported.", innerException: exception);
        }
    }

    private static ZipArchiveEntry SingleFileEntry(ZipArchive archive, string sourceName)
    {
        var files = archive.Entries.Where(entry => !entry.FullName.EndsWith('/')).ToList();
        if (files.Count == 1)
        {
            return files[0];
        }

        var names = files.Count == 0 ? "no files" : $"{files.Count} files ({string.Join(", ", files.Take(5).Select(file => file.FullName))})";
        throw new FeedFormatException(sourceName, $"Source '{sourceName}' is a ZIP archive with {names}; ThreatFox ships exactly one export file per ZIP. Extract the file you want and pass it instead. Nothing was imported.");
    }

    private static async Task DisposeAllAsync(List<IAsyncDisposable> resources)
    {
        for (var i = resources.Count - 1; i >= 0; i--)
        {
            await resources[i].DisposeAsync();
        }

        resources.Clear();
    }
}
