using System.Buffers;
using System.Text.Unicode;

namespace FeedSync.ThreatFox;

/// <summary>
/// A growable window over a stream that readers parse in place, so that memory stays bounded by the largest
/// record rather than the whole content. It tracks the absolute line of the window's start and, once
/// <see cref="StartUtf8Validation"/> has been called, rejects invalid UTF-8 as soon as it is read.
/// </summary>
internal sealed class Utf8StreamBuffer : IDisposable
{
    /// <summary>The largest window: a single record bigger than this is rejected as broken content.</summary>
    public const int MaxWindowBytes = 64 * 1024 * 1024;

    private const int InitialWindowBytes = 128 * 1024;

    private readonly Stream stream;
    private byte[] window;
    private int start;
    private int end;
    private int validatedEnd;
    private bool validateUtf8;
    private long linesBeforeStart;

    public Utf8StreamBuffer(Stream stream, string source)
    {
        this.stream = stream;
        Source = source;
        window = ArrayPool<byte>.Shared.Rent(InitialWindowBytes);
    }

    /// <summary>The source name that errors carry.</summary>
    public string Source { get; }

    /// <summary>True once the stream has no more bytes: <see cref="Pending"/> is then the rest of the content.</summary>
    public bool IsFinalBlock { get; private set; }

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlySpan<byte> Pending => window.AsSpan(start, end - start);

    /// <summary>The 0-based absolute offset of the first pending byte.</summary>
    public long Offset { get; private set; }

    /// <summary>The 1-based line of the first pending byte.</summary>
    public long Line => linesBeforeStart + 1;

    /// <summary>Marks <paramref name="count"/> pending bytes as consumed.</summary>
    public void Advance(int count)
    {
        linesBeforeStart += window.AsSpan(start, count).Count((byte)'\n');
        Offset += count;
        start += count;
    }

    /// <summary>Returns the 1-based line of the pending byte at <paramref name="index"/>.</summary>
    public long LineAt(int index) => Line + Pending[..index].Count((byte)'\n');

    /// <summary>Returns the 1-based line and byte column of the pending byte at <paramref name="index"/>.</summary>
    public (long Line, long Column) PositionAt(int index)
    {
        var before = Pending[..index];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var column = lastNewline < 0 ? ColumnOfStart() + index : index - lastNewline;
        return (Line + before.Count((byte)'\n'), column);
    }

    /// <summary>Returns the position just after the last byte read, where truncated content ends.</summary>
    public (long Line, long Column) EndPosition() => PositionAt(end - start);

    /// <summary>Validates every byte from the window's start on, and every byte read from now on, as UTF-8.</summary>
    public void StartUtf8Validation()
    {
        validateUtf8 = true;
        validatedEnd = start;
        ValidateUtf8();
    }

    /// <summary>
    /// Reads more bytes, moving the pending bytes to the front and growing the window when it is full.
    /// Returns false when the stream was already exhausted.
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (IsFinalBlock)
        {
            return false;
        }

        MakeRoom();
        var read = await ReadStreamAsync(cancellationToken);
        if (read == 0)
        {
            IsFinalBlock = true;
        }

        end += read;
        ValidateUtf8();
        return true;
    }

    private async ValueTask<int> ReadStreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(window.AsMemory(end), cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            var (line, column) = EndPosition();
            throw new FeedFormatException(Source, $"Source '{Source}' cannot be decompressed after line {line} ({exception.Message}); the archive is corrupt or truncated. Download it again. Nothing was imported.", line, column, exception);
        }
        catch (IOException exception)
        {
            throw new FeedSourceException(Source, $"Source '{Source}' could not be read after byte {Offset + (end - start)}: {exception.Message} Nothing was imported.", exception);
        }
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are pending or the stream ends.</summary>
    public async ValueTask FillAtLeastAsync(int count, CancellationToken cancellationToken)
    {
        while (end - start < count && await FillAsync(cancellationToken))
        {
        }
    }

    public void Dispose()
    {
        var rented = window;
        window = [];
        ArrayPool<byte>.Shared.Return(rented);
    }

    private long ColumnOfStart()
    {
        // The column of the window's start is only needed for errors, so it is found by looking back
        // in the window; bytes already dropped from the window are counted as if the line began there.
        var consumed = window.AsSpan(0, start);
        var lastNewline = consumed.LastIndexOf((byte)'\n');
        return start - lastNewline;
    }

    private void MakeRoom()
    {
        if (start > 0 && (end == window.Length || start > window.Length / 2))
        {
            var pending = end - start;
            Buffer.BlockCopy(window, start, window, 0, pending);
            validatedEnd -= start;
            start = 0;
            end = pending;
        }

        if (end < window.Length)
        {
            return;
        }

        if (window.Length >= MaxWindowBytes)
        {
            var (line, column) = PositionAt(0);
            throw new FeedFormatException(
                Source,
                $"Source '{Source}' has a single record larger than {MaxWindowBytes / (1024 * 1024)} MiB at line {line}, byte {column}; the content is not ThreatFox data or is corrupt. Nothing was imported.",
                line,
                column);
        }

        var larger = ArrayPool<byte>.Shared.Rent(window.Length * 2);
        Buffer.BlockCopy(window, start, larger, 0, end - start);
        ArrayPool<byte>.Shared.Return(window);
        validatedEnd -= start;
        end -= start;
        start = 0;
        window = larger;
    }

    private void ValidateUtf8()
    {
        if (!validateUtf8)
        {
            return;
        }

        var unvalidated = window.AsSpan(validatedEnd, end - validatedEnd);
        var complete = IsFinalBlock ? unvalidated.Length : unvalidated.Length - IncompleteTailLength(unvalidated);
        var candidate = unvalidated[..complete];
        if (!Utf8.IsValid(candidate))
        {
            ThrowInvalidUtf8(validatedEnd - start + FindInvalidUtf8(candidate));
        }

        validatedEnd += complete;
    }

    private void ThrowInvalidUtf8(int pendingIndex)
    {
        var (line, column) = PositionAt(pendingIndex);
        throw new FeedFormatException(
            Source,
            $"Source '{Source}' is not valid UTF-8 at line {line}, byte {column}. ThreatFox publishes UTF-8; the file was damaged or re-encoded. Download it again. Nothing was imported.",
            line,
            column);
    }

    private static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return bytes.Length;
    }

    /// <summary>Returns how many trailing bytes start a multi-byte sequence that the next read may complete.</summary>
    private static int IncompleteTailLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var expected = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return expected > back ? back : 0;
        }

        return 0;
    }
}
