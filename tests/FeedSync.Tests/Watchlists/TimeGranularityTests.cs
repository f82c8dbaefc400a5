using FeedSync.Watchlists;

namespace FeedSync.Tests.Watchlists;

[TestFixture]
internal sealed class TimeGranularityTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Test]
    public void Floor_MidDay_StartOfDayUtc()
    {
        // Arrange
        var time = new DateTimeOffset(2026, 7, 24, 13, 43, 48, TimeSpan.FromHours(2));

        // Act
        var floor = TimeGranularity.Floor(time, Day);

        // Assert
        Assert.That(floor, Is.EqualTo(new DateTimeOffset(2026, 7, 24, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(floor.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Ceiling_MidDay_NextDay()
    {
        // Arrange
        var time = new DateTimeOffset(2026, 7, 24, 0, 0, 1, TimeSpan.Zero);

        // Act
        var ceiling = TimeGranularity.Ceiling(time, Day);

        // Assert
        Assert.That(ceiling, Is.EqualTo(new DateTimeOffset(2026, 7, 25, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Ceiling_OnBoundary_Unchanged()
    {
        // Arrange
        var time = new DateTimeOffset(2026, 7, 24, 0, 0, 0, TimeSpan.Zero);

        // Act
        var ceiling = TimeGranularity.Ceiling(time, Day);

        // Assert
        Assert.That(ceiling, Is.EqualTo(time));
    }

    [Test]
    public void Floor_HourGranularity_StartOfHour()
    {
        // Arrange
        var time = new DateTimeOffset(2026, 7, 24, 13, 43, 48, TimeSpan.Zero);

        // Act
        var floor = TimeGranularity.Floor(time, TimeSpan.FromHours(1));

        // Assert
        Assert.That(floor, Is.EqualTo(new DateTimeOffset(2026, 7, 24, 13, 0, 0, TimeSpan.Zero)));
    }
}
