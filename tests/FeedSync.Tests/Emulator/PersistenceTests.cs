using System.Net;
using FeedSync.SentinelEmulator;
using static FeedSync.Tests.Emulator.EmulatorHttp;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

[TestFixture]
internal sealed class PersistenceTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("feedsync-emulator-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task StateFile_SecondInstanceAfterFirst_SeesWatchlistAndCertificate()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "state.json");
        byte[] firstCertificate;
        await using (var first = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile }))
        {
            using var client = CreateClient(first);
            using var created = await PutAsync(client, WatchlistPath("feedsync-ip"), WatchlistBody());
            using var item = await PutAsync(client, ItemPath("feedsync-ip", Guid.NewGuid()), ItemBody("1.2.3.4"));
            firstCertificate = first.Certificate.RawData;
        }

        // Act
        await using var second = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile });
        using var secondClient = CreateClient(second);
        using var items = await secondClient.GetAsync(WithVersion(WatchlistPath("feedsync-ip") + "/watchlistItems"));
        var values = (await ReadJsonAsync(items))!["value"]!.AsArray();

        // Assert
        Assert.That(items.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(values, Has.Count.EqualTo(1));
        Assert.That(second.Certificate.RawData, Is.EqualTo(firstCertificate));
        Assert.That(File.Exists(Path.Combine(folder, "state.pfx")), Is.True);
    }

    [Test]
    public async Task StateFile_TwoRunningInstances_ShareChanges()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "shared.json");
        await using var first = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile });
        await using var second = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile });
        using var firstClient = CreateClient(first);
        using var secondClient = CreateClient(second);

        // Act
        using var created = await PutAsync(firstClient, WatchlistPath("feedsync-ip"), WatchlistBody());
        using var fetched = await secondClient.GetAsync(WithVersion(WatchlistPath("feedsync-ip")));

        // Assert
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task StateFile_NotJson_FailsStartNamingFile()
    {
        // Arrange
        var stateFile = Path.Combine(folder, "broken.json");
        await File.WriteAllTextAsync(stateFile, "not json");

        // Act
        var failure = await Assert.ThrowsAsync<EmulatorStateFileException>(async () => await SentinelEmulator.StartAsync(new SentinelEmulatorOptions { StateFile = stateFile }));

        // Assert
        Assert.That(failure!.Message, Does.Contain(stateFile));
    }

    [Test]
    public async Task MemoryOnly_SecondInstance_StartsEmpty()
    {
        // Arrange
        await using (var first = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions()))
        {
            using var client = CreateClient(first);
            using var created = await PutAsync(client, WatchlistPath("feedsync-ip"), WatchlistBody());
        }

        // Act
        await using var second = await SentinelEmulator.StartAsync(new SentinelEmulatorOptions());
        using var secondClient = CreateClient(second);
        using var fetched = await secondClient.GetAsync(WithVersion(WatchlistPath("feedsync-ip")));

        // Assert
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
