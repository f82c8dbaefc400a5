namespace FeedSync.ThreatFox;

/// <summary>
/// Reads the records of one source one at a time into a reused <see cref="ThreatFoxRecordBuilder"/>, so that
/// reading creates no record object per record.
/// </summary>
internal interface IThreatFoxRecordCursor
{
    /// <summary>The current record; valid until the next call of <see cref="MoveNextAsync"/>.</summary>
    ThreatFoxRecordBuilder Current { get; }

    /// <summary>
    /// Moves to the next record; returns false at the end of the content. Throws <see cref="FeedSourceException"/>
    /// for broken content or an API error status.
    /// </summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);
}
