using System.Globalization;
using FeedSync.Watchlists;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class TimeColumnTextTests
{
    private static readonly DateTimeOffset[] Times =
    [
        DateTimeOffset.MinValue,
        new(1, 1, 1, 0, 0, 1, TimeSpan.Zero),
        new(999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero),
        new(2026, 7, 24, 13, 43, 48, 999, TimeSpan.FromHours(2)),
        new(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
    ];

    [TestCaseSource(nameof(Times))]
    public void Write_AnyTime_SameAsFormatTime(DateTimeOffset time)
    {
        // Arrange
        Span<char> text = stackalloc char[TimeColumnText.Length];

        // Act
        TimeColumnText.Write(time, text);

        // Assert
        Assert.That(text.ToString(), Is.EqualTo(IndicatorRowMapper.FormatTime(time)));
        Assert.That(TimeColumnText.Matches(IndicatorRowMapper.FormatTime(time), time), Is.True);
    }

    [TestCaseSource(nameof(Times))]
    public void TryRead_FormattedTime_SameAsParseExact(DateTimeOffset time)
    {
        // Arrange
        var cell = IndicatorRowMapper.FormatTime(time);
        var expected = DateTimeOffset.ParseExact(cell, IndicatorRowMapper.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        // Act
        var read = TimeColumnText.TryRead(cell, out var parsed);

        // Assert
        Assert.That(read, Is.True);
        Assert.That(parsed, Is.EqualTo(expected));
        Assert.That(parsed.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("2026-07-24T13:43:48.000Z")]
    [TestCase("2026-07-24 13:43:48Z")]
    [TestCase("2026-07-24T13:43:48")]
    [TestCase("2026-07-24T13:43:48+00:00")]
    [TestCase("0000-01-01T00:00:00Z")]
    [TestCase("2026-02-29T00:00:00Z")]
    [TestCase("2026-13-01T00:00:00Z")]
    [TestCase("2026-07-24T24:00:00Z")]
    [TestCase("2026-07-24T23:60:00Z")]
    [TestCase("2026-07-24T23:59:60Z")]
    [TestCase("2026-07-2AT13:43:48Z")]
    [TestCase("２026-07-24T13:43:48Z")]
    [TestCase("")]
    public void TryRead_OtherText_False(string cell)
    {
        // Act
        var read = TimeColumnText.TryRead(cell, out _);

        // Assert
        Assert.That(read, Is.False);
    }
}
