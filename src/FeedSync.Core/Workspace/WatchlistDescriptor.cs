namespace FeedSync.Workspace;

/// <summary>The properties of a Sentinel watchlist that FeedSync sets.</summary>
/// <param name="Alias">The watchlist alias, which is also its ARM resource name and the name KQL uses.</param>
/// <param name="DisplayName">The name shown in the Sentinel portal.</param>
/// <param name="Description">The description shown in the Sentinel portal.</param>
/// <param name="Provider">The provider name, such as <c>FeedSync</c>.</param>
/// <param name="ItemsSearchKey">The column that <c>_GetWatchlist</c> exposes as <c>SearchKey</c>.</param>
public sealed record WatchlistDescriptor(
    string Alias,
    string DisplayName,
    string Description,
    string Provider,
    string ItemsSearchKey)
{
    /// <summary>The labels attached to the watchlist.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The default time to live of the watchlist's rows, when set.</summary>
    public TimeSpan? DefaultDuration { get; init; }
}
