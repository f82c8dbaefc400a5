using FeedSync.Normalisation;
using FeedSync.Watchlists;

namespace FeedSync.Sync;

/// <summary>How the sync lays out, diffs and writes the managed watchlists (configuration section <c>FeedSync:Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "FeedSync:Sync";

    /// <summary>The largest <c>rawContent</c> the service accepts in one request: 3.8 MB.</summary>
    public const int ServiceBulkLimitBytes = 3_800_000;

    /// <summary>
    /// The alias prefix of the managed watchlists, which are named <c>{prefix}-IP</c>, <c>-Domain</c>, <c>-Url</c> and
    /// <c>-FileHash</c>. Default <c>ThreatFox</c>. Letters, digits, <c>_</c> and <c>-</c>, starting with a letter,
    /// at most 50 characters.
    /// </summary>
    public string AliasPrefix { get; set; } = WatchlistAliases.DefaultPrefix;

    /// <summary>How long an indicator stays in its watchlist after its last activity, per watchlist.</summary>
    public SyncRetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// The step that last seen and expiry are rounded to, so that a feed that only moves <c>last_seen</c> within
    /// the step costs no write. Default one day; at least one minute and at most the shortest retention.
    /// </summary>
    public TimeSpan Granularity { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The largest share of a watchlist's managed rows, in percent, that one run may remove; a run that would remove
    /// more stops before writing unless forced. Default 20; 0 to 100.
    /// </summary>
    public double RemovalThresholdPercent { get; set; } = 20;

    /// <summary>
    /// The number of additions to one watchlist above which they are uploaded in bulk through <c>rawContent</c>
    /// instead of one item at a time. Default 10; 0 uploads every addition in bulk.
    /// </summary>
    public int BulkAddThreshold { get; set; } = 10;

    /// <summary>
    /// The largest <c>rawContent</c> CSV of one bulk request, in UTF-8 bytes. Default 3,500,000, below the service
    /// limit of 3,800,000 with room for the JSON escaping of the request body.
    /// </summary>
    public int BulkRequestMaxBytes { get; set; } = 3_500_000;

    /// <summary>The most item writes and deletes in flight at once. Default 4; 1 to 32.</summary>
    public int MaxParallelWrites { get; set; } = 4;

    /// <summary>
    /// The sustained rate of item writes and deletes, per second. ARM refills a subscription's write budget at
    /// 10 a second, shared with every other client, so the default is 5. 0 turns pacing off.
    /// </summary>
    public double MaxWritesPerSecond { get; set; } = 5;

    /// <summary>The writes that may go out at once before pacing starts. Default 50; at least 1.</summary>
    public int WriteBurst { get; set; } = 50;

    /// <summary>Returns the retention of indicators of <paramref name="kind"/>.</summary>
    public TimeSpan RetentionFor(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Ip => Retention.Ip,
        IndicatorKind.Domain => Retention.Domain,
        IndicatorKind.Url => Retention.Url,
        _ => Retention.FileHash,
    };
}

/// <summary>
/// How long an indicator stays after its last activity (section <c>FeedSync:Sync:Retention</c>). Values are
/// <c>TimeSpan</c> text such as <c>30</c> (days) or <c>30.00:00:00</c>.
/// </summary>
public sealed class SyncRetentionOptions
{
    /// <summary>IP addresses, which are re-assigned quickly. Default 30 days.</summary>
    public TimeSpan Ip { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Domains. Default 90 days.</summary>
    public TimeSpan Domain { get; set; } = TimeSpan.FromDays(90);

    /// <summary>URLs. Default 90 days.</summary>
    public TimeSpan Url { get; set; } = TimeSpan.FromDays(90);

    /// <summary>File hashes of every kind, which never change meaning. Default 365 days.</summary>
    public TimeSpan FileHash { get; set; } = TimeSpan.FromDays(365);
}
