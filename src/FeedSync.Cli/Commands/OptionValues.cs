using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedSync.Cli.Commands;

/// <summary>
/// Parsers and validators for option values, so that an invalid value fails the parse (exit code 2) with a plain
/// message in one form: <c>'x' is not a valid value for --option: expected ...</c>, never a .NET type name.
/// </summary>
internal static partial class OptionValues
{
    private delegate bool TryParseValue<T>(string text, out T value);

    /// <summary>Parses a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or with no upper limit when it is null.</summary>
    public static Option<int> WholeNumber(this Option<int> option, int minimum, int? maximum = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result => ParseWholeNumber(result, option.Name, minimum, maximum, note) ?? 0;
        return option;
    }

    /// <summary>Parses an optional whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or with no upper limit when it is null.</summary>
    public static Option<int?> WholeNumber(this Option<int?> option, int minimum, int? maximum = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result => ParseWholeNumber(result, option.Name, minimum, maximum, note);
        return option;
    }

    /// <summary>Parses a finite decimal number from <paramref name="minimum"/> to <paramref name="maximum"/>, in <paramref name="unit"/> when given.</summary>
    public static Option<double> Number(this Option<double> option, double minimum, double maximum, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result =>
        {
            var token = SingleToken(result);
            if (double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value >= minimum && value <= maximum)
            {
                return value;
            }

            var range = FormattableString.Invariant($"from {minimum} to {maximum}");
            AddInvalid(result, token, option.Name, unit is null ? $"a number {range}" : $"a number of {unit} {range}");
            return default;
        };
        return option;
    }

    /// <summary>
    /// Parses an ISO 8601 date, or date and time, such as <c>2026-05-27</c> or <c>2026-05-27T14:04:00+02:00</c>. A
    /// time without an offset is UTC, never the machine's local time.
    /// </summary>
    public static Option<DateTimeOffset?> Iso8601Time(this Option<DateTimeOffset?> option)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result => ParseOrAddError<DateTimeOffset>(
            result,
            option.Name,
            TryParseIso8601,
            "an ISO 8601 date and time such as 2026-05-27T00:00:00Z (UTC when it has no offset)");
        return option;
    }

    /// <summary>Parses an age: <c>7d</c>, <c>12h</c>, <c>30m</c>, or a TimeSpan such as <c>1.12:00:00</c>.</summary>
    public static Option<TimeSpan?> Age(this Option<TimeSpan?> option)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result => ParseOrAddError<TimeSpan>(
            result,
            option.Name,
            TryParseAge,
            "a positive age such as 7d, 12h, 30m or 1.12:00:00 (a number with d, h or m, or a TimeSpan)");
        return option;
    }

    /// <summary>
    /// Accepts one of <paramref name="values"/>, compared case-insensitively, and returns it as spelled there, so that
    /// <c>--output JSON</c> reads as <c>json</c>.
    /// </summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
        where T : class?
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(values);

        option.CustomParser = result =>
        {
            var token = SingleToken(result);
            var value = values.FirstOrDefault(candidate => string.Equals(candidate, token, StringComparison.OrdinalIgnoreCase));
            if (value is null)
            {
                AddInvalid(result, token, option.Name, $"one of {string.Join(", ", values)}");
            }

            return (T?)(object?)value;
        };
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>
    /// Checks every token of a list option, each of which may hold several values separated by commas. A token with
    /// no value is invalid, and so is a value outside <paramref name="accepted"/> (case-insensitive) unless that is
    /// null. <paramref name="expected"/> describes the valid values for the error message.
    /// </summary>
    public static Option<string[]> ValuesFromList(this Option<string[]> option, IEnumerable<string>? accepted, string expected)
    {
        ArgumentNullException.ThrowIfNull(option);

        var allowed = accepted is null ? null : new HashSet<string>(accepted, StringComparer.OrdinalIgnoreCase);
        option.Validators.Add(result =>
        {
            var invalid = FirstInvalidValue(result.Tokens, allowed);
            if (invalid is not null)
            {
                result.AddError(InvalidMessage(invalid, option.Name, expected));
            }
        });
        return option;
    }

    /// <summary>Parses a file path, rejecting an empty one or one that the file system cannot name.</summary>
    public static Option<FileInfo?> FilePath(this Option<FileInfo?> option)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.CustomParser = result =>
        {
            var token = SingleToken(result);
            var file = string.IsNullOrWhiteSpace(token) ? null : TryCreateFileInfo(token);
            if (file is null)
            {
                AddInvalid(result, token, option.Name, "a file path");
            }

            return file;
        };
        return option;
    }

    /// <summary>Rejects an empty or blank value with <paramref name="expected"/> as the fix.</summary>
    public static Option<string> NotBlank(this Option<string> option, string expected)
    {
        ArgumentNullException.ThrowIfNull(option);

        option.Validators.Add(result =>
        {
            var blank = result.Tokens.FirstOrDefault(token => string.IsNullOrWhiteSpace(token.Value));
            if (blank is not null)
            {
                result.AddError(InvalidMessage(blank.Value, option.Name, expected));
            }
        });
        return option;
    }

    /// <summary>Parses an age; see <see cref="Age"/>. Returns false for a zero, negative or out-of-range age.</summary>
    internal static bool TryParseAge(string text, out TimeSpan age)
    {
        age = default;
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && double.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            var unit = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'd' => TimeSpan.FromDays(1),
                'h' => TimeSpan.FromHours(1),
                'm' => TimeSpan.FromMinutes(1),
                _ => TimeSpan.Zero,
            };
            if (unit > TimeSpan.Zero)
            {
                return TryMultiply(unit, amount, out age);
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out age) && age > TimeSpan.Zero;
    }

    /// <summary>Parses an ISO 8601 date or date and time; see <see cref="Iso8601Time"/>.</summary>
    internal static bool TryParseIso8601(string text, out DateTimeOffset time)
    {
        time = default;
        return Iso8601Start().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>Returns the message of an invalid value, in the one form every option uses.</summary>
    internal static string InvalidMessage(string value, string optionName, string expected) =>
        $"'{value}' is not a valid value for {optionName}: expected {expected}.";

    private static T? ParseOrAddError<T>(ArgumentResult result, string optionName, TryParseValue<T> tryParse, string expected)
        where T : struct
    {
        var token = SingleToken(result);
        if (tryParse(token, out var value))
        {
            return value;
        }

        AddInvalid(result, token, optionName, expected);
        return null;
    }

    private static int? ParseWholeNumber(ArgumentResult result, string optionName, int minimum, int? maximum, string? note)
    {
        var token = SingleToken(result);
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && (maximum is null || value <= maximum))
        {
            return value;
        }

        var range = (minimum, maximum) switch
        {
            (_, { } max) => FormattableString.Invariant($"a whole number from {minimum} to {max}"),
            (int.MinValue, null) => "a whole number",
            _ => FormattableString.Invariant($"a whole number of {minimum} or more"),
        };
        AddInvalid(result, token, optionName, note is null ? range : $"{range} ({note})");
        return null;
    }

    private static string? FirstInvalidValue(IReadOnlyList<Token> tokens, HashSet<string>? allowed)
    {
        foreach (var token in tokens)
        {
            var values = token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0)
            {
                return token.Value;
            }

            var invalid = values.FirstOrDefault(value => allowed is not null && !allowed.Contains(value));
            if (invalid is not null)
            {
                return invalid;
            }
        }

        return null;
    }

    private static FileInfo? TryCreateFileInfo(string path)
    {
        try
        {
            return new FileInfo(path);
        }
        catch (Exception exception) when (exception is ArgumentException or PathTooLongException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool TryMultiply(TimeSpan unit, double amount, out TimeSpan product)
    {
        product = default;
        if (amount >= TimeSpan.MaxValue.Ticks / (double)unit.Ticks)
        {
            return false;
        }

        product = unit * amount;
        return product > TimeSpan.Zero;
    }

    private static string SingleToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static void AddInvalid(ArgumentResult result, string token, string optionName, string expected) =>
        result.AddError(InvalidMessage(token, optionName, expected));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:$|[T ])")]
    private static partial Regex Iso8601Start();
}
