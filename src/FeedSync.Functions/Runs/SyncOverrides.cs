namespace FeedSync.Functions.Runs;

/// <summary>Values of one run that replace the configured ones; a null member keeps the configured value.</summary>
/// <param name="Families">The malware families to keep; an empty list keeps every family.</param>
/// <param name="Days">How many days back to read the feed, 1 to 7.</param>
/// <param name="DryRun">Whether to compute the plan without writing.</param>
public sealed record SyncOverrides(IReadOnlyList<string>? Families = null, int? Days = null, bool? DryRun = null)
{
    /// <summary>Overrides that keep every configured value.</summary>
    public static SyncOverrides None { get; } = new();
}
