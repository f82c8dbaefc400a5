using System.ComponentModel.DataAnnotations;

namespace FeedSync.ThreatFox;

/// <summary>Settings of <see cref="ThreatFoxClient"/>, bound from the configuration section <c>FeedSync:ThreatFox</c>.</summary>
public sealed class ThreatFoxClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FeedSync:ThreatFox";

    /// <summary>The default <see cref="BaseUrl"/>.</summary>
    public const string DefaultBaseUrl = "https://threatfox-api.abuse.ch/api/v1/";

    /// <summary>
    /// The abuse.ch Auth-Key sent in the <c>Auth-Key</c> header; required for API calls since 2025, not for
    /// reading files. Get one at https://auth.abuse.ch/. Never logged. Default: none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The API endpoint every query is POSTed to. Default: <c>https://threatfox-api.abuse.ch/api/v1/</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The limit on one query, from the first attempt until the whole body is read. Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The limit on one attempt, from sending until the response headers arrive. Default: 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a query is retried after HTTP 408, 429, 5xx, a timeout or a connection failure. Default: 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry delay when the server sends no Retry-After; it doubles per retry, with jitter. Default: 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After the client waits; a longer one fails the query at once. Default: 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
