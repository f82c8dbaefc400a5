using FeedSync.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FeedSync.Functions.Hosting;

/// <summary>
/// Validates <see cref="FunctionsOptions"/>, the ThreatFox key and the storage connection, so that start-up
/// fails with one message per setting to fix. The workspace settings are validated by the Sentinel
/// client's own options validator.
/// </summary>
internal sealed class FunctionsOptionsValidator(IConfiguration configuration) : IValidateOptions<FunctionsOptions>
{
    public ValidateOptionsResult Validate(string? name, FunctionsOptions options)
    {
        List<string> failures = [];

        ValidateSchedule(options.Schedule, failures);
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
        // The timer reads the live API, which requires the key; the command line can read files without one.
        if (string.IsNullOrWhiteSpace(configuration[AppSettingNames.ThreatFoxApiKey]))
        {
            failures.Add(
                $"{AppSettingNames.ThreatFoxApiKey} is missing. Set the app setting {AppSettingNames.ToAppSetting(AppSettingNames.ThreatFoxApiKey)} " +
                "to the abuse.ch Auth-Key (in Azure, a Key Vault reference to the secret).");
        }

        if (AppStorageClients.Validate(configuration) is { } storageFailure)
        {
            failures.Add(storageFailure);
        }
    }
}
