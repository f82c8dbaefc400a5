using NCrontab;

namespace FeedSync.Functions.Hosting;

/// <summary>
/// Validates timer schedules with NCrontab, the parser the Functions host's timer extension uses, in its
/// six-field form with seconds.
/// </summary>
internal static class NcrontabExpression
{
    private static readonly CrontabSchedule.ParseOptions SixFields = new() { IncludingSeconds = true };

    /// <summary>Parses a six-field NCRONTAB expression, or returns null and the reason it is invalid.</summary>
    public static CrontabSchedule? TryParse(string? expression, out string? error)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "the value is empty";
            return null;
        }

        int fieldCount = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fieldCount != 6)
        {
            error = $"it has {fieldCount} fields, but an NCRONTAB schedule has 6 (second minute hour day month day-of-week)";
            return null;
        }

        string? parseError = null;
        CrontabSchedule? schedule = CrontabSchedule.TryParse(
            expression,
            SixFields,
            parsed => (CrontabSchedule?)parsed,
            exceptionProvider =>
            {
                parseError = exceptionProvider().Message;
                return null;
            });
        error = parseError;
        return schedule;
    }
}
