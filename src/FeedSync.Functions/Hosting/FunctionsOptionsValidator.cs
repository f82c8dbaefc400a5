using FeedSync.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Hosting;

/// <summary>
/// Validates <see cref="FunctionsOptions"/> and the settings from other sections that the app cannot run
/// without, so that start-up fails with one message per setting to fix.
/// </summary>
internal sealed class FunctionsOptionsValidator(IConfiguration configuration) : IValidateOptions<FunctionsOptions>
{
    private static readonly (string Key, string Purpose)[] RequiredSettings =
    [
        (AppSettingNames.SentinelSubscriptionId, "the id of the subscription that contains the Sentinel workspace"),
        (AppSettingNames.SentinelResourceGroup, "the resource group of the Sentinel workspace"),
        (AppSettingNames.SentinelWorkspaceName, "the name of the Log Analytics workspace that Microsoft Sentinel runs on"),
        (AppSettingNames.ThreatFoxAuthKey, "the ThreatFox Auth-Key (in Azure, a Key Vault reference)"),
    ];

    public ValidateOptionsResult Validate(string? name, FunctionsOptions options)
    {
        List<string> failures = [];

        ValidateSchedule(options.Schedule, failures);
        ValidateRange(nameof(options.Days), options.Days, 1, 7, failures);
        ValidateLease(options, failures);
        ValidateTableName(options.RunHistoryTable, failures);
        ValidateRequiredSettings(failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSchedule(string? schedule, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            failures.Add(
                $"{AppSettingNames.Schedule} is missing. Set the app setting {AppSettingNames.ToAppSetting(AppSettingNames.Schedule)} " +
                "to a six-field NCRONTAB schedule such as '0 0 * * * *' (hourly); the Functions host reads the timer's schedule from it.");
            return;
        }

        if (NcrontabExpression.TryParse(schedule, out string? error) is null)
        {
            failures.Add(
                $"{AppSettingNames.Schedule} '{schedule}' is not a valid NCRONTAB schedule: {error}. " +
                $"Set {AppSettingNames.ToAppSetting(AppSettingNames.Schedule)} to six fields, second minute hour day month day-of-week, such as '0 0 * * * *' (hourly).");
        }
    }

    private static void ValidateLease(FunctionsOptions options, List<string> failures)
    {
        ValidateRange(nameof(options.LeaseDurationSeconds), options.LeaseDurationSeconds, 15, 60, failures);
        ValidateRange(nameof(options.LeaseRenewalSeconds), options.LeaseRenewalSeconds, 1, options.LeaseDurationSeconds / 2, failures);
        ValidateNotEmpty(nameof(options.LeaseContainer), options.LeaseContainer, failures);
        ValidateNotEmpty(nameof(options.LeaseBlob), options.LeaseBlob, failures);
    }

    private static void ValidateTableName(string tableName, List<string> failures)
    {
        bool valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit);
        if (!valid)
        {
            failures.Add(
                $"{FunctionsOptions.SectionName}:{nameof(FunctionsOptions.RunHistoryTable)} '{tableName}' is not a valid table name. " +
                "Use 3 to 63 letters and digits, starting with a letter.");
        }
    }

    private static void ValidateRange(string property, int value, int minimum, int maximum, List<string> failures)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"{FunctionsOptions.SectionName}:{property} is {value}; set it to a value from {minimum} to {maximum}.");
        }
    }

    private static void ValidateNotEmpty(string property, string value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{FunctionsOptions.SectionName}:{property} is empty; remove the setting to use the default or set a name.");
        }
    }

    private void ValidateRequiredSettings(List<string> failures)
    {
        foreach ((string key, string purpose) in RequiredSettings)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                failures.Add($"{key} is missing. Set the app setting {AppSettingNames.ToAppSetting(key)} to {purpose}.");
            }
        }

        if (AppStorageClients.Validate(configuration) is { } storageFailure)
        {
            failures.Add(storageFailure);
        }
    }
}
