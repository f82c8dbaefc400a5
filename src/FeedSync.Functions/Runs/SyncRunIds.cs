using System.Globalization;
using System.Security.Cryptography;

namespace FeedSync.Functions.Runs;

/// <summary>
/// Creates and parses run ids of the form <c>20251204T201100123Z-9f1c2a3b</c>: the UTC start time to the
/// millisecond and 8 random hex digits. The start time in the id lets the run history find a run's entity
/// by its id with a point read.
/// </summary>
internal static class SyncRunIds
{
    /// <summary>A run id that shows the format in error messages.</summary>
    public const string Example = "20251204T201100123Z-9f1c2a3b";

    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";
    private const int TimeLength = 19;
    private const int SuffixLength = 8;

    public static string Create(DateTimeOffset startedAt)
    {
        string time = startedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        return $"{time}-{RandomNumberGenerator.GetHexString(SuffixLength, lowercase: true)}";
    }

    /// <summary>Parses a run id into its start time and random suffix; false when it is not a run id.</summary>
    public static bool TryParse(string? runId, out DateTimeOffset startedAt, out string suffix)
    {
        startedAt = default;
        suffix = string.Empty;
        if (runId is null || runId.Length != TimeLength + 1 + SuffixLength || runId[TimeLength] != '-')
        {
            return false;
        }

        string candidateSuffix = runId[(TimeLength + 1)..];
        if (!candidateSuffix.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        if (!DateTime.TryParseExact(runId[..TimeLength], TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
        {
            return false;
        }

        startedAt = new DateTimeOffset(time, TimeSpan.Zero);
        suffix = candidateSuffix;
        return true;
    }
}
