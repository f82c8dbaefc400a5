namespace FeedSync.Normalisation;

/// <summary>One input record that did not become part of an indicator, with the reason and its raw value.</summary>
public sealed record IngestReject
{
    /// <summary>The reason code, one of <see cref="RejectReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>The IOC exactly as the source spelled it, or null when the record had none.</summary>
    public string? RawValue { get; init; }

    /// <summary>The ThreatFox IOC type as the source spelled it.</summary>
    public string? RawType { get; init; }

    /// <summary>The ThreatFox IOC id, when the record had one.</summary>
    public long? ThreatFoxId { get; init; }

    /// <summary>The 1-based number of the record in its source.</summary>
    public long RecordNumber { get; init; }

    /// <summary>The 1-based line of the source where the record starts.</summary>
    public long Line { get; init; }

    /// <summary>What exactly was wrong, naming the field or the filter.</summary>
    public required string Detail { get; init; }
}
