using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FeedSync.Sync;

/// <summary>Validates <see cref="SyncOptions"/>; each failure names the setting and the allowed values.</summary>
internal sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    private const string Section = SyncOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.AliasPrefix is null || !AliasPrefixPattern().IsMatch(options.AliasPrefix))
        {
            failures.Add($"{Section}:AliasPrefix '{options.AliasPrefix}' is invalid: use 1 to 50 letters, digits, '_' or '-', starting with a letter.");
        }

        ValidateRetention(options, failures);
        ValidateGranularity(options, failures);

        if (options.RemovalThresholdPercent is < 0 or > 100 || double.IsNaN(options.RemovalThresholdPercent))
        {
            failures.Add($"{Section}:RemovalThresholdPercent {options.RemovalThresholdPercent} is out of range: use 0 to 100.");
        }

        if (options.BulkAddThreshold < 0)
        {
            failures.Add($"{Section}:BulkAddThreshold {options.BulkAddThreshold} is negative: use 0 or more.");
        }

        if (options.BulkRequestMaxBytes is < 4_096 or > SyncOptions.ServiceBulkLimitBytes)
        {
            failures.Add($"{Section}:BulkRequestMaxBytes {options.BulkRequestMaxBytes} is out of range: use 4096 to {SyncOptions.ServiceBulkLimitBytes}.");
        }

        if (options.MaxParallelWrites is < 1 or > 32)
        {
            failures.Add($"{Section}:MaxParallelWrites {options.MaxParallelWrites} is out of range: use 1 to 32.");
        }

        if (options.MaxWritesPerSecond < 0 || double.IsNaN(options.MaxWritesPerSecond))
        {
            failures.Add($"{Section}:MaxWritesPerSecond {options.MaxWritesPerSecond} is negative: use 0 (no pacing) or more.");
        }

        if (options.WriteBurst < 1)
        {
            failures.Add($"{Section}:WriteBurst {options.WriteBurst} is too small: use 1 or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRetention(SyncOptions options, List<string> failures)
    {
        if (options.Retention is null)
        {
            failures.Add($"{Section}:Retention is missing.");
            return;
        }

        foreach (var (key, value) in RetentionEntries(options.Retention))
        {
            if (value < TimeSpan.FromHours(1))
            {
                failures.Add($"{Section}:Retention:{key} '{value}' is too short: use at least one hour, for example 30 for 30 days.");
            }
        }
    }

    private static void ValidateGranularity(SyncOptions options, List<string> failures)
    {
        if (options.Granularity < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Granularity '{options.Granularity}' is too short: use at least 00:01:00 (the default is one day, 1.00:00:00).");
            return;
        }

        if (options.Retention is not null && RetentionEntries(options.Retention).Min(entry => entry.Value) is var shortest && options.Granularity > shortest)
        {
            failures.Add($"{Section}:Granularity '{options.Granularity}' is longer than the shortest retention '{shortest}': use a granularity no longer than every retention.");
        }
    }

    private static IEnumerable<(string Key, TimeSpan Value)> RetentionEntries(SyncRetentionOptions retention) =>
    [
        (nameof(SyncRetentionOptions.Ip), retention.Ip),
        (nameof(SyncRetentionOptions.Domain), retention.Domain),
        (nameof(SyncRetentionOptions.Url), retention.Url),
        (nameof(SyncRetentionOptions.FileHash), retention.FileHash),
    ];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPrefixPattern();
}
