namespace FeedSync.ThreatFox;

/// <summary>An open ThreatFox API response: the reader over its body and what must be disposed with it.</summary>
public sealed class ThreatFoxResponse : IAsyncDisposable
{
    private readonly HttpResponseMessage message;
    private readonly CancellationTokenSource[] tokenSources;

    internal ThreatFoxResponse(HttpResponseMessage message, ThreatFoxFeedReader reader, CancellationTokenSource[] tokenSources)
    {
        this.message = message;
        Reader = reader;
        this.tokenSources = tokenSources;
    }

    /// <summary>The reader over the response body.</summary>
    public ThreatFoxFeedReader Reader { get; }

    /// <summary>The token that cancels reading when the caller cancels or the query's timeout expires.</summary>
    public CancellationToken CancellationToken => tokenSources[0].Token;

    /// <summary>True when the query's timeout has expired.</summary>
    internal bool TimedOut => tokenSources[^1].IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        message.Dispose();
        foreach (var source in tokenSources)
        {
            source.Dispose();
        }
    }
}
