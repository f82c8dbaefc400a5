namespace FeedSync.Tests.Reliability;

/// <summary>
/// Loses a seeded random share of responses after the server has acted on the request: the request reaches the
/// emulator and changes its state, then the caller gets a connection failure instead of the response. This is the
/// failure that makes a non-idempotent write dangerous to repeat. The emulator's own
/// <c>DropConnectionAfterWrites</c> aborts a write before it takes effect, so the two cover both sides.
/// </summary>
internal sealed class ResponseLossHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock sync = new();
    private Random random = new(0);

    /// <summary>The share (0 to 1) of responses lost. Zero loses none.</summary>
    public double LossRate { get; set; }

    /// <summary>The number of responses lost so far.</summary>
    public int Lost { get; private set; }

    /// <summary>Restarts the random choices from <paramref name="seed"/>.</summary>
    public void Reseed(int seed)
    {
        lock (sync)
        {
            random = new Random(seed);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!ShouldLose())
        {
            return response;
        }

        response.Dispose();
        throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The response to {request.Method} {request.RequestUri?.AbsolutePath} was lost after the server acted on it (injected by the test).");
    }

    private bool ShouldLose()
    {
        lock (sync)
        {
            if (LossRate <= 0 || random.NextDouble() >= LossRate)
            {
                return false;
            }

            Lost++;
            return true;
        }
    }
}
