using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FeedSync.Hunting;

/// <summary>Validates <see cref="HuntingOptions"/>; every failure names the setting and the fix.</summary>
internal sealed partial class HuntingOptionsValidator : IValidateOptions<HuntingOptions>
{
    private const string Section = HuntingOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HuntingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        ValidateScalars(options, failures);
        ValidateList(options.Families, $"{Section}:Families", failures);
        ValidateList(options.RemoteAccessTrojanFamilies ?? [], $"{Section}:RemoteAccessTrojanFamilies", failures);
        foreach (var (profileName, profile) in options.Exclusions)
        {
            ValidateProfile(profileName, profile, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateScalars(HuntingOptions options, List<string> failures)
    {
        if (!Enum.IsDefined(options.Style))
        {
            failures.Add($"{Section}:Style is '{options.Style}'; set it to Watchlist or Inline.");
        }

        if (options.InlineMaxIndicators is < 1 or > HuntingOptions.MaxInlineMaxIndicators)
        {
            failures.Add($"{Section}:InlineMaxIndicators is {options.InlineMaxIndicators}; set it between 1 and {HuntingOptions.MaxInlineMaxIndicators}.");
        }

        if (options.WatchlistAliasPrefix is null || !AliasPrefixPattern().IsMatch(options.WatchlistAliasPrefix))
        {
            failures.Add($"{Section}:WatchlistAliasPrefix '{options.WatchlistAliasPrefix}' is invalid; use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit, and the same prefix as the sync.");
        }
    }

    private static void ValidateList(IEnumerable<string> values, string setting, List<string> failures)
    {
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{setting} has an empty entry; remove it or give a family id or name.");
        }
    }

    private static void ValidateProfile(string profileName, ExclusionProfileOptions profile, List<string> failures)
    {
        var setting = $"{Section}:Exclusions:{profileName}";
        if (!ProfileNamePattern().IsMatch(profileName))
        {
            failures.Add($"{setting}: the profile name is invalid; use 1 to 64 letters, digits, '-' or '_', starting with a letter.");
        }

        var lists = new Dictionary<string, IList<string>?>(StringComparer.Ordinal)
        {
            [nameof(profile.ProcessNames)] = profile.ProcessNames,
            [nameof(profile.AccountNames)] = profile.AccountNames,
            [nameof(profile.FolderPaths)] = profile.FolderPaths,
            [nameof(profile.CommandLineTerms)] = profile.CommandLineTerms,
            [nameof(profile.NetworkInterfaces)] = profile.NetworkInterfaces,
        };
        foreach (var (listName, values) in lists)
        {
            ValidateList(values ?? [], $"{setting}:{listName}", failures);
        }

        if (ExclusionProfiles.IsBuiltIn(profileName) || profile.Enabled == false)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(profile.Scenario))
        {
            failures.Add($"{setting}:Scenario is missing; describe the false-positive scenario the new profile covers.");
        }

        if (lists.Values.All(values => values is null || values.Count == 0))
        {
            failures.Add($"{setting} excludes nothing; give ProcessNames, AccountNames, FolderPaths, CommandLineTerms or NetworkInterfaces.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPrefixPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProfileNamePattern();
}
