namespace FeedSync.Normalisation;

/// <summary>Reads a ThreatFox source and returns its normalised, de-duplicated indicators.</summary>
public interface IIngestPipeline
{
    /// <summary>
    /// Reads <see cref="IngestRequest.Source"/> (the live API or a file) and normalises, filters and merges
    /// its records. Per-record problems are rejects in the result; a source that cannot be read completely
    /// throws, and then nothing is returned.
    /// </summary>
    /// <exception cref="ThreatFox.FeedSourceException">The source failed: missing file, broken content or a failed API call.</exception>
    Task<IngestResult> RunAsync(IngestRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads ThreatFox content from a stream, such as an uploaded file; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ThreatFox.FeedSourceException">The content is broken.</exception>
    Task<IngestResult> RunAsync(Stream content, string sourceName, IngestRequest request, CancellationToken cancellationToken = default);
}
