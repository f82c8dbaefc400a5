using System.Net;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

/// <summary>
/// <see cref="FeedSync.SentinelEmulator.EmulatorFaultOptions.DropConnectionAfterWrites"/> changed while the emulator
/// runs, after it has already served writes.
/// </summary>
[TestFixture]
internal sealed class DropConnectionCountTests : EmulatorTestBase
{
    [Test]
    public async Task DropAfterWrites_SetLater_CountsFromChange()
    {
        // Arrange
        using (await PutAsync(Client, WatchlistPath("earlier-one"), WatchlistBody()))
        using (await PutAsync(Client, WatchlistPath("earlier-two"), WatchlistBody()))
        {
        }

        Emulator.Faults.DropConnectionAfterWrites = 1;

        // Act
        using var allowed = await PutAsync(Client, WatchlistPath("after-change"), WatchlistBody());
        var dropped = await Assert.ThrowsAsync<HttpRequestException>(async () => await PutAsync(Client, WatchlistPath("dropped"), WatchlistBody()));

        // Assert
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(dropped, Is.Not.Null);
        Assert.That(Emulator.Statistics.DroppedConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task DropAfterWrites_SetAgain_RestartsCount()
    {
        // Arrange
        Emulator.Faults.DropConnectionAfterWrites = 1;
        using (await PutAsync(Client, WatchlistPath("first"), WatchlistBody()))
        {
        }

        Emulator.Faults.DropConnectionAfterWrites = null;
        using (await PutAsync(Client, WatchlistPath("between"), WatchlistBody()))
        {
        }

        Emulator.Faults.DropConnectionAfterWrites = 1;

        // Act
        using var allowed = await PutAsync(Client, WatchlistPath("again"), WatchlistBody());

        // Assert
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Emulator.Statistics.DroppedConnections, Is.Zero);
    }
}
