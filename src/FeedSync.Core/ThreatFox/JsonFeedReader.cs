using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FeedSync.ThreatFox;

/// <summary>
/// Streams records out of the three JSON shapes: the export JSON (an object keyed by IOC id whose values are
/// arrays of records), an API response (<c>{"query_status": ..., "data": [...]}</c>, where <c>data</c> may
/// also be one record or a message string) and NDJSON. Each step parses one token or one whole record from
/// the buffer and refills it when the data ends mid-record, so memory stays bounded by one record.
/// </summary>
internal sealed class JsonFeedReader : IThreatFoxRecordCursor
{
    private static readonly JsonReaderOptions SingleValueOptions = new() { CommentHandling = JsonCommentHandling.Disallow };
    private static readonly JsonReaderOptions MultipleValueOptions = new() { AllowMultipleValues = true };

    private readonly Utf8StreamBuffer buffer;
    private readonly ThreatFoxFeedFormat format;
    private readonly ThreatFoxRecordBuilder builder = new();
    private readonly PlainJsonRecordScanner scanner = new();
    private readonly bool readPlainRecords;
    private JsonReaderState state;
    private Phase phase;
    private long? exportId;
    private string? invalidExportId;
    private long recordNumber;
    private string? queryStatus;
    private string? dataMessage;

    // The plain-record path: the general reader's state after a record of the records array, and the 0-based
    // line and column that its own counters hold there. The state is the same after every record of the
    // array, so records read without the general reader continue from it.
    private JsonReaderState? stateAfterRecord;
    private (long Line, long Column) stateAfterRecordCounters;
    private bool atRecordEnd;
    private long? startColumn;

    // Once a plain record was read, the state's line and column counters lag behind the content, so these
    // correct the positions of JSON errors. The column correction applies on the counters' first line only.
    private long lineCorrection;
    private long columnCorrection;
    private long columnCorrectionLine = -1;

    public JsonFeedReader(Utf8StreamBuffer buffer, ThreatFoxFeedFormat format, bool readPlainRecords = true)
    {
        this.buffer = buffer;
        this.format = format;
        this.readPlainRecords = readPlainRecords;
        state = new JsonReaderState(format == ThreatFoxFeedFormat.Ndjson ? MultipleValueOptions : SingleValueOptions);
        phase = format == ThreatFoxFeedFormat.Ndjson ? Phase.BetweenValues : Phase.Root;
    }

    private enum Phase
    {
        Root,
        ExportKeys,
        ExportRecords,
        EnvelopeProperties,
        EnvelopeRecords,
        BetweenValues,
        AfterRoot,
    }

    private enum Step
    {
        Continue,
        NeedMoreData,
        Record,
    }

    /// <inheritdoc/>
    public ThreatFoxRecordBuilder Current => builder;

    /// <summary>The records read by <see cref="PlainJsonRecordScanner"/> rather than the general reader.</summary>
    public long PlainRecords { get; private set; }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        // Most records lie whole in the buffer, so this returns without awaiting; only a refill awaits.
        return NextStep() == Step.Record ? ValueTask.FromResult(true) : FillAndMoveNextAsync(cancellationToken);
    }

    private async ValueTask<bool> FillAndMoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await buffer.FillAsync(cancellationToken))
            {
                return End();
            }

            if (NextStep() == Step.Record)
            {
                return true;
            }
        }
    }

    /// <summary>Returns false at the end of complete content; throws for truncated content or an API error status.</summary>
    private bool End()
    {
        // Between NDJSON values or after the root object only whitespace may remain. Anything else is a value
        // that the content cuts off, such as the last line of an interrupted NDJSON download.
        if (phase is not (Phase.AfterRoot or Phase.BetweenValues) || !buffer.Pending.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw Truncated();
        }

        if (format == ThreatFoxFeedFormat.ApiResponse)
        {
            ApiQueryStatus.EnsureSuccess(queryStatus, dataMessage, buffer.Source);
        }

        return false;
    }

    /// <summary>
    /// Takes steps over the buffered data until one completes a record or needs more data. Returns
    /// <see cref="Step.Record"/> or <see cref="Step.NeedMoreData"/>, and consumes the bytes of every completed step.
    /// </summary>
    private Step NextStep()
    {
        if (TryReadPlainRecord())
        {
            return Step.Record;
        }

        // One reader serves every step over the buffered data. A step that runs out of data may have read
        // part of its tokens, so only the position after the last completed step is committed.
        var reader = new Utf8JsonReader(buffer.Pending, isFinalBlock: false, state);
        var consumed = 0L;
        var consumedState = state;
        try
        {
            var step = Step.Continue;
            while (step == Step.Continue)
            {
                step = phase switch
                {
                    Phase.Root => ReadRoot(ref reader),
                    Phase.ExportKeys => ReadExportKey(ref reader),
                    Phase.ExportRecords or Phase.EnvelopeRecords => ReadArrayElement(ref reader),
                    Phase.EnvelopeProperties => ReadEnvelopeProperty(ref reader),
                    Phase.BetweenValues => ReadNdjsonValue(ref reader),
                    _ => ReadAfterRoot(ref reader),
                };
                if (step != Step.NeedMoreData)
                {
                    consumed = reader.BytesConsumed;
                    consumedState = reader.CurrentState;
                    atRecordEnd = step == Step.Record && phase is Phase.ExportRecords or Phase.EnvelopeRecords or Phase.BetweenValues;
                    if (atRecordEnd && readPlainRecords && stateAfterRecord is null && !reader.ValueIsEscaped)
                    {
                        KeepStateAfterRecord(consumedState, (int)consumed);
                    }
                }
            }

            if (consumed > 0)
            {
                startColumn = null;
            }

            buffer.Advance((int)consumed);
            state = consumedState;
            return step;
        }
        catch (JsonException exception)
        {
            throw InvalidJson(exception);
        }
    }

    /// <summary>
    /// Reads the next record with <see cref="PlainJsonRecordScanner"/> when the previous step completed a
    /// record of the records array. Returns false, having consumed nothing, when the scanner declines.
    /// </summary>
    private bool TryReadPlainRecord()
    {
        if (!atRecordEnd || stateAfterRecord is not { } afterRecord)
        {
            return false;
        }

        var pending = buffer.Pending;
        int recordStart, end;
        var read = format switch
        {
            ThreatFoxFeedFormat.ExportJson => scanner.TryReadNextExportRecord(pending, builder, out recordStart, out end),
            ThreatFoxFeedFormat.ApiResponse => scanner.TryReadNextArrayRecord(pending, builder, out recordStart, out end),
            _ => scanner.TryReadNextLineRecord(pending, builder, out recordStart, out end),
        };
        if (!read)
        {
            return false;
        }

        recordNumber++;
        PlainRecords++;
        builder.Complete(recordNumber, buffer.LineAt(recordStart));
        var lastBreak = pending[..end].LastIndexOf((byte)'\n');
        var column = lastBreak >= 0 ? end - lastBreak : (startColumn ?? buffer.PositionAt(0).Column) + end;
        buffer.Advance(end);
        startColumn = column;
        state = afterRecord;
        lineCorrection = buffer.Line - 1 - stateAfterRecordCounters.Line;
        columnCorrection = column - 1 - stateAfterRecordCounters.Column;
        columnCorrectionLine = stateAfterRecordCounters.Line;
        return true;
    }

    /// <summary>Keeps the state after the first record of the records array, with the position its counters hold.</summary>
    private void KeepStateAfterRecord(JsonReaderState afterRecord, int pendingIndex)
    {
        var (line, column) = buffer.PositionAt(pendingIndex);
        stateAfterRecord = afterRecord;
        stateAfterRecordCounters = (line - 1, column - 1);
    }

    private Step ReadRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "a JSON object");
        }

        phase = format == ThreatFoxFeedFormat.ExportJson ? Phase.ExportKeys : Phase.EnvelopeProperties;
        return Step.Continue;
    }

    private Step ReadExportKey(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            phase = Phase.AfterRoot;
            return Step.Continue;
        }

        ReadOnlySpan<byte> key = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        var isNumeric = Utf8Parser.TryParse(key, out long id, out var consumed) && consumed == key.Length && id >= 0;
        exportId = isNumeric ? id : null;
        invalidExportId = isNumeric ? null : Encoding.UTF8.GetString(key);
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            // A record directly under its id, without the one-element array, is read the same way.
            return ReadRecord(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, $"an array of records under IOC id '{exportId?.ToString(CultureInfo.InvariantCulture) ?? invalidExportId}'");
        }

        phase = Phase.ExportRecords;
        return Step.Continue;
    }

    private Step ReadArrayElement(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            phase = phase == Phase.ExportRecords ? Phase.ExportKeys : Phase.EnvelopeProperties;
            return Step.Continue;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "a record object");
        }

        return ReadRecord(ref reader);
    }

    private Step ReadEnvelopeProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            phase = Phase.AfterRoot;
            return Step.Continue;
        }

        var name = reader.GetString();
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (name == "query_status")
        {
            queryStatus = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return SkipValue(ref reader);
        }

        if (name != "data")
        {
            return SkipValue(ref reader);
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                phase = Phase.EnvelopeRecords;
                return Step.Continue;
            case JsonTokenType.StartObject:
                // The "ioc" query returns one record as an object.
                return ReadRecord(ref reader);
            case JsonTokenType.String:
                dataMessage = reader.GetString();
                return Step.Continue;
            default:
                return SkipValue(ref reader);
        }
    }

    private Step ReadNdjsonValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "one record object per line");
        }

        return ReadRecord(ref reader);
    }

    private Step ReadAfterRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        throw Unexpected(ref reader, "the end of the content after the top-level object");
    }

    private static Step SkipValue(ref Utf8JsonReader reader) => reader.TrySkip() ? Step.Continue : Step.NeedMoreData;

    private Step ReadRecord(ref Utf8JsonReader reader)
    {
        var line = buffer.LineAt((int)reader.TokenStartIndex);
        builder.Reset();
        if (format == ThreatFoxFeedFormat.ExportJson)
        {
            builder.SetExportId(exportId, invalidExportId);
        }

        if (!JsonRecordParser.TryParse(ref reader, builder))
        {
            return Step.NeedMoreData;
        }

        recordNumber++;
        builder.Complete(recordNumber, line);
        return Step.Record;
    }

    private FeedFormatException Truncated()
    {
        var (line, column) = buffer.EndPosition();
        return new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' ends in the middle of the JSON at line {line}, byte {column}: the content is truncated. Download it again. Nothing was imported.",
            line,
            column);
    }

    private FeedFormatException InvalidJson(JsonException exception)
    {
        var counterLine = exception.LineNumber ?? 0;
        var line = counterLine + lineCorrection + 1;
        var column = (exception.BytePositionInLine ?? 0) + (counterLine == columnCorrectionLine ? columnCorrection : 0) + 1;
        return new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' is not valid JSON at line {line}, byte {column}: {FirstSentence(exception.Message)} Check that it is an unmodified ThreatFox export or API response. Nothing was imported.",
            line,
            column,
            exception);
    }

    private FeedFormatException Unexpected(ref Utf8JsonReader reader, string expected)
    {
        var (line, column) = buffer.PositionAt((int)reader.TokenStartIndex);
        return new FeedFormatException(
            buffer.Source,
            $"Source '{buffer.Source}' has a JSON {reader.TokenType} at line {line}, byte {column} where {expected} was expected; it is not a ThreatFox {Describe(format)}. Nothing was imported.",
            line,
            column);
    }

    private static string Describe(ThreatFoxFeedFormat format) => format switch
    {
        ThreatFoxFeedFormat.ExportJson => "JSON export",
        ThreatFoxFeedFormat.ApiResponse => "API response",
        _ => "NDJSON file of API records",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
