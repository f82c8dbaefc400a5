namespace FeedSync.ThreatFox;

/// <summary>
/// Content that is not readable ThreatFox data: empty, truncated, an HTML page, invalid UTF-8, invalid JSON
/// or CSV, or a format FeedSync does not recognise. The message names the source and the position.
/// </summary>
public sealed class FeedFormatException : FeedSourceException
{
    /// <summary>Creates an exception for content that failed at <paramref name="line"/> and <paramref name="column"/>.</summary>
    public FeedFormatException(string source, string message, long? line = null, long? column = null, Exception? innerException = null)
        : base(source, message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line where reading failed, when known.</summary>
    public long? Line { get; }

    /// <summary>The 1-based byte position within <see cref="Line"/> where reading failed, when known.</summary>
    public long? Column { get; }
}
