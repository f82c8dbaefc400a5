using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FeedSync.ThreatFox;

/// <summary>
/// Queries the ThreatFox API (POST with a JSON body and the <c>Auth-Key</c> header). Responses are streamed
/// through <see cref="ThreatFoxFeedReader"/>. Failures throw <see cref="ThreatFoxException"/>, whose message
/// names what to fix. The <c>query_status</c> <c>no_result</c> is an empty result.
/// </summary>
public sealed class ThreatFoxClient
{
    /// <summary>The header that carries the abuse.ch Auth-Key.</summary>
    public const string AuthKeyHeader = "Auth-Key";

    private readonly HttpClient httpClient;
    private readonly ThreatFoxClientOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    public ThreatFoxClient(
        HttpClient httpClient,
        IOptions<ThreatFoxClientOptions> options,
        ILogger<ThreatFoxClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);

        this.httpClient = httpClient;
        this.options = options.Value;
        this.logger = logger ?? NullLogger<ThreatFoxClient>.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        pipeline = ThreatFoxResilience.Create(this.options, this.timeProvider, LogRetryAsync);
    }

    /// <summary>Reads the IOCs added in the last <paramref name="days"/> days (1 to 7).</summary>
    public IAsyncEnumerable<ThreatFoxRecord> GetIocsAsync(int days, CancellationToken cancellationToken = default) =>
        QueryAsync(ThreatFoxQuery.GetIocs(days), cancellationToken);

    /// <summary>Reads the most recent IOCs of a malware family, up to <paramref name="limit"/> (at most 1,000).</summary>
    public IAsyncEnumerable<ThreatFoxRecord> GetMalwareInfoAsync(string malware, int limit = 100, CancellationToken cancellationToken = default) =>
        QueryAsync(ThreatFoxQuery.MalwareInfo(malware, limit), cancellationToken);

    /// <summary>Reads the most recent IOCs with a tag, up to <paramref name="limit"/> (at most 1,000).</summary>
    public IAsyncEnumerable<ThreatFoxRecord> GetTagInfoAsync(string tag, int limit = 100, CancellationToken cancellationToken = default) =>
        QueryAsync(ThreatFoxQuery.TagInfo(tag, limit), cancellationToken);

    /// <summary>Reads the IOCs matching <paramref name="searchTerm"/>.</summary>
    public IAsyncEnumerable<ThreatFoxRecord> SearchIocAsync(string searchTerm, bool exactMatch = false, CancellationToken cancellationToken = default) =>
        QueryAsync(ThreatFoxQuery.SearchIoc(searchTerm, exactMatch), cancellationToken);

    /// <summary>Reads the IOC with ThreatFox id <paramref name="id"/>; the sequence is empty when there is none.</summary>
    public IAsyncEnumerable<ThreatFoxRecord> GetIocAsync(long id, CancellationToken cancellationToken = default) =>
        QueryAsync(ThreatFoxQuery.Ioc(id), cancellationToken);

    /// <summary>Sends <paramref name="query"/> and reads the records of its response.</summary>
    /// <exception cref="ThreatFoxException">The query failed; nothing should be imported from it.</exception>
    public async IAsyncEnumerable<ThreatFoxRecord> QueryAsync(ThreatFoxQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        await using var response = await OpenAsync(query, cancellationToken);
        var records = response.Reader.ReadRecordsAsync(response.CancellationToken).GetAsyncEnumerator(response.CancellationToken);
        await using (records)
        {
            long count = 0;
            while (await MoveNextAsync(query, response, records, cancellationToken))
            {
                count++;
                yield return records.Current;
            }

            Log.QueryCompleted(logger, query.Name, count);
        }
    }

    /// <summary>
    /// Sends <paramref name="query"/> and returns its response, ready to be read. The response bounds reading
    /// by <see cref="ThreatFoxClientOptions.Timeout"/>; dispose it when done.
    /// </summary>
    /// <exception cref="ThreatFoxException">The query failed.</exception>
    public async Task<ThreatFoxResponse> OpenAsync(ThreatFoxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var apiKey = RequireApiKey();

        var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? message = null;
        try
        {
            message = await SendAsync(query, apiKey, linked.Token, cancellationToken);
            var body = await message.Content.ReadAsStreamAsync(linked.Token);
            var reader = await OpenReaderAsync(query, body, linked.Token);
            return new ThreatFoxResponse(message, reader, [linked, timeout]);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Dispose(message, linked, timeout);
            throw Fail(query, new ThreatFoxException(ThreatFoxErrorKind.Timeout, $"ThreatFox query {query.Name} timed out after {options.Timeout}. Raise {ThreatFoxClientOptions.SectionName}:Timeout or try again later.", innerException: exception));
        }
        catch
        {
            Dispose(message, linked, timeout);
            throw;
        }
    }

    private string RequireApiKey()
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey;
        }

        throw new ThreatFoxException(
            ThreatFoxErrorKind.Unauthorized,
            $"No ThreatFox Auth-Key is configured. Set {ThreatFoxClientOptions.SectionName}:ApiKey (environment variable FeedSync__ThreatFox__ApiKey) to a key from https://auth.abuse.ch/. Nothing was sent.");
    }

    private async Task<HttpResponseMessage> SendAsync(ThreatFoxQuery query, string apiKey, CancellationToken linkedToken, CancellationToken callerToken)
    {
        Log.QueryStarting(logger, query.Name, options.BaseUrl);
        var stopwatch = Stopwatch.StartNew();
        var context = ResilienceContextPool.Shared.Get(linkedToken);
        context.Properties.Set(ThreatFoxResilience.QueryName, query.Name);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static async (context, state) =>
                {
                    using var request = CreateRequest(state.Query, state.ApiKey, state.BaseUrl);
                    return await state.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken);
                },
                context,
                (Query: query, ApiKey: apiKey, options.BaseUrl, HttpClient: httpClient));
        }
        catch (TimeoutRejectedException exception)
        {
            throw Fail(query, new ThreatFoxException(ThreatFoxErrorKind.Timeout, $"ThreatFox query {query.Name} timed out: no response within {options.AttemptTimeout} in {Attempts}. Check the network path to {options.BaseUrl} or raise {ThreatFoxClientOptions.SectionName}:AttemptTimeout.", innerException: exception));
        }
        catch (HttpRequestException exception)
        {
            throw Fail(query, new ThreatFoxException(ThreatFoxErrorKind.NetworkError, $"ThreatFox query {query.Name} could not reach {options.BaseUrl} in {Attempts}: {exception.Message.TrimEnd('.')}. Check {ThreatFoxClientOptions.SectionName}:BaseUrl, DNS, proxy and firewall.", innerException: exception));
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        Log.QueryAnswered(logger, query.Name, (int)response.StatusCode, stopwatch.ElapsedMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw Fail(query, StatusError(query, response));
        }
    }

    private static HttpRequestMessage CreateRequest(ThreatFoxQuery query, string apiKey, Uri baseUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl)
        {
            Content = new StringContent(query.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(AuthKeyHeader, apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<ThreatFoxFeedReader> OpenReaderAsync(ThreatFoxQuery query, Stream body, CancellationToken cancellationToken)
    {
        ThreatFoxFeedReader reader;
        try
        {
            reader = await ThreatFoxFeedReader.OpenAsync(body, ThreatFoxException.ApiSource, cancellationToken);
        }
        catch (FeedFormatException exception)
        {
            throw Fail(query, InvalidResponse(query, exception.Message, exception));
        }

        if (reader.Format == ThreatFoxFeedFormat.ApiResponse)
        {
            return reader;
        }

        await reader.DisposeAsync();
        throw Fail(query, InvalidResponse(query, $"The body is {reader.Format}, not an API response with query_status and data.", null));
    }

    private async Task<bool> MoveNextAsync(ThreatFoxQuery query, ThreatFoxResponse response, IAsyncEnumerator<ThreatFoxRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            return await records.MoveNextAsync();
        }
        catch (ThreatFoxException exception)
        {
            throw Fail(query, exception);
        }
        catch (FeedFormatException exception)
        {
            throw Fail(query, InvalidResponse(query, exception.Message, exception));
        }
        catch (OperationCanceledException exception) when (response.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw Fail(query, new ThreatFoxException(ThreatFoxErrorKind.Timeout, $"ThreatFox query {query.Name} timed out while reading the response after {options.Timeout}. Raise {ThreatFoxClientOptions.SectionName}:Timeout or ask for fewer days.", innerException: exception));
        }
    }

    private ThreatFoxException InvalidResponse(ThreatFoxQuery query, string problem, Exception? inner) => new(
        ThreatFoxErrorKind.InvalidResponse,
        $"ThreatFox query {query.Name} returned a body that is not a ThreatFox API response. {problem} Check that {ThreatFoxClientOptions.SectionName}:BaseUrl ({options.BaseUrl}) is the ThreatFox API and no proxy rewrites the response.",
        HttpStatusCode.OK,
        innerException: inner);

    private ThreatFoxException StatusError(ThreatFoxQuery query, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var code = (int)status;
        var section = ThreatFoxClientOptions.SectionName;
        return status switch
        {
            HttpStatusCode.Unauthorized => new(ThreatFoxErrorKind.Unauthorized, $"ThreatFox rejected the Auth-Key with HTTP 401 for query {query.Name}. Set {section}:ApiKey to a valid key from https://auth.abuse.ch/.", status),
            HttpStatusCode.PaymentRequired => new(ThreatFoxErrorKind.PaymentRequired, $"ThreatFox returned HTTP 402 (payment required) for query {query.Name}. Check the plan of the abuse.ch account behind {section}:ApiKey at https://auth.abuse.ch/.", status),
            HttpStatusCode.Forbidden => new(ThreatFoxErrorKind.Forbidden, $"ThreatFox returned HTTP 403 (forbidden) for query {query.Name}. The Auth-Key in {section}:ApiKey may not run this query, or this address is blocked; check the key at https://auth.abuse.ch/.", status),
            HttpStatusCode.TooManyRequests => new(ThreatFoxErrorKind.RateLimited, RateLimitedMessage(query, response), status),
            _ when code >= 500 => new(ThreatFoxErrorKind.ServerError, $"ThreatFox returned HTTP {code} for query {query.Name} after {Attempts}; the service is failing. Try again later.", status),
            _ => new(ThreatFoxErrorKind.UnexpectedStatus, $"ThreatFox returned the unexpected HTTP {code} for query {query.Name}. Check that {section}:BaseUrl ({options.BaseUrl}) is the ThreatFox API.", status),
        };
    }

    /// <summary>Returns the 429 message, naming the setting that would have let the client wait longer or retry more.</summary>
    private string RateLimitedMessage(ThreatFoxQuery query, HttpResponseMessage response)
    {
        var section = ThreatFoxClientOptions.SectionName;
        if (ThreatFoxResilience.RetryAfter(response, timeProvider) is { } delay && delay > options.MaxRetryAfter)
        {
            return $"ThreatFox rate-limited query {query.Name} (HTTP 429) and asked to wait {delay}, longer than {section}:MaxRetryAfter ({options.MaxRetryAfter}). Run less often or raise {section}:MaxRetryAfter.";
        }

        return $"ThreatFox rate-limited query {query.Name} (HTTP 429) after {Attempts}. Run less often or raise {section}:MaxRetryAttempts.";
    }

    private string Attempts => options.MaxRetryAttempts == 0 ? "1 attempt" : $"{options.MaxRetryAttempts + 1} attempts";

    private ThreatFoxException Fail(ThreatFoxQuery query, ThreatFoxException exception)
    {
        Log.QueryFailed(logger, query.Name, exception.Kind, exception.StatusCode, exception);
        return exception;
    }

    private ValueTask LogRetryAsync(OnRetryArguments<HttpResponseMessage> arguments)
    {
        var query = arguments.Context.Properties.GetValue(ThreatFoxResilience.QueryName, "unknown");
        var outcome = arguments.Outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : $"{arguments.Outcome.Exception?.GetType().Name}: {arguments.Outcome.Exception?.Message}";
        Log.RetryScheduled(logger, query, arguments.AttemptNumber + 1, outcome, (long)arguments.RetryDelay.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    private static void Dispose(HttpResponseMessage? message, CancellationTokenSource linked, CancellationTokenSource timeout)
    {
        message?.Dispose();
        linked.Dispose();
        timeout.Dispose();
    }
}
