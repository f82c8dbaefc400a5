using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FeedSync.Normalisation;

/// <summary>
/// Checks what data annotations cannot. Every threat type filter must be a known ThreatFox threat type and every
/// kind a defined <see cref="IndicatorKind"/>, because an unknown one would filter out every record or, as the
/// configuration binder skips a list item it cannot convert, silently keep every kind. A list must be set item by
/// item, and a maximum age must be positive.
/// </summary>
/// <param name="section">The <c>FeedSync:Ingestion</c> section the options bind from, to see the values the binder skipped.</param>
internal sealed class IngestionOptionsValidator(IConfigurationSection? section = null) : IValidateOptions<IngestionOptions>
{
    private static readonly string KindList = string.Join(", ", Enum.GetNames<IndicatorKind>());

    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (section is not null)
        {
            AddListFailures(failures, section);
        }

        for (var i = 0; i < options.ThreatTypes.Count; i++)
        {
            var threatType = options.ThreatTypes[i];
            if (!string.IsNullOrWhiteSpace(threatType) && !IocTypes.KnownThreatTypes.Contains(threatType.ToLowerInvariant()))
            {
                failures.Add($"{IngestionOptions.SectionName}:ThreatTypes:{i} is '{threatType}', which is not a ThreatFox threat type; use one of {IocTypes.KnownThreatTypeList}.");
            }
        }

        if (options.MaxAge is { } maxAge && maxAge <= TimeSpan.Zero)
        {
            failures.Add($"{IngestionOptions.SectionName}:MaxAge is {maxAge}; use a positive TimeSpan such as 7.00:00:00, or remove the setting for no limit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddListFailures(List<string> failures, IConfigurationSection section)
    {
        foreach (var list in new[] { nameof(IngestionOptions.Kinds), nameof(IngestionOptions.ThreatTypes), nameof(IngestionOptions.Families) })
        {
            var value = section[list];
            if (!string.IsNullOrEmpty(value))
            {
                failures.Add($"{IngestionOptions.SectionName}:{list} is the single value '{value}', which the list ignores; set one key per item, such as {IngestionOptions.SectionName}:{list}:0 (environment variable FeedSync__Ingestion__{list}__0).");
            }
        }

        foreach (var kind in section.GetSection(nameof(IngestionOptions.Kinds)).GetChildren())
        {
            if (kind.Value is { } value && !(Enum.TryParse<IndicatorKind>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
            {
                failures.Add($"{kind.Path} is '{value}', which is not an indicator kind; use one of {KindList}.");
            }
        }
    }
}
