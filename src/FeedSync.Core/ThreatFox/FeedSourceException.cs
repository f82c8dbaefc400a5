namespace FeedSync.ThreatFox;

/// <summary>
/// The base type of every failure to read a feed source: an unreadable file, broken content or a failed
/// ThreatFox API call. When it is thrown, nothing from the source has been imported.
/// </summary>
public class FeedSourceException : Exception
{
    /// <summary>Creates an exception for <paramref name="source"/> with a message that names what to fix.</summary>
    public FeedSourceException(string source, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Source = source;
    }

    /// <summary>The source that failed: <c>threatfox</c> for the API, otherwise the file path or name.</summary>
    public new string Source { get; }
}
