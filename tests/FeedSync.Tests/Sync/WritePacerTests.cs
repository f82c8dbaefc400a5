using FeedSync.Sync;
using Microsoft.Extensions.Time.Testing;

namespace FeedSync.Tests.Sync;

[TestFixture]
internal sealed class WritePacerTests
{
    [Test]
    public async Task WaitAsync_WithinBurst_DoesNotWait()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var pacer = new WritePacer(clock, ratePerSecond: 5, burst: 3);

        // Act
        var waits = Enumerable.Range(0, 3).Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask()).ToList();
        await Task.WhenAll(waits);

        // Assert
        Assert.That(waits.Select(wait => wait.IsCompletedSuccessfully), Has.All.True);
    }

    [Test]
    public async Task WaitAsync_BurstSpent_WaitsForRefill()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var pacer = new WritePacer(clock, ratePerSecond: 5, burst: 1);
        await pacer.WaitAsync(CancellationToken.None);

        // Act
        var wait = pacer.WaitAsync(CancellationToken.None).AsTask();
        var completedEarly = wait.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Yield();
        var completedBeforeRefill = wait.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));

        // Assert
        Assert.That(completedEarly, Is.False);
        Assert.That(completedBeforeRefill, Is.False);
        Assert.That(wait.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task WaitAsync_RateZero_NeverWaits()
    {
        // Arrange
        var pacer = new WritePacer(new FakeTimeProvider(), ratePerSecond: 0, burst: 1);

        // Act
        var waits = Enumerable.Range(0, 100).Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask()).ToList();
        await Task.WhenAll(waits);

        // Assert
        Assert.That(waits.Select(wait => wait.IsCompletedSuccessfully), Has.All.True);
    }
}
