using Microsoft.Extensions.Time.Testing;
using FeedSync.SentinelEmulator;

namespace FeedSync.Tests.Emulator;

using SentinelEmulator = FeedSync.SentinelEmulator.SentinelEmulator;

/// <summary>Starts a fresh emulator on a fake clock before each test and stops it after.</summary>
internal abstract class EmulatorTestBase
{
    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected SentinelEmulator Emulator { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new SentinelEmulatorOptions { TimeProvider = Clock };
        Configure(options);
        Emulator = await SentinelEmulator.StartAsync(options);
        Client = EmulatorHttp.CreateClient(Emulator);
    }

    [TearDown]
    public async Task StopEmulatorAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Creates a watchlist with the default test body and checks that the emulator accepted it.</summary>
    protected async Task CreateWatchlistAsync(string alias)
    {
        using var response = await EmulatorHttp.PutAsync(Client, EmulatorHttp.WatchlistPath(alias), EmulatorHttp.WatchlistBody());
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Adjusts the options of the emulator each test starts.</summary>
    protected virtual void Configure(SentinelEmulatorOptions options)
    {
    }
}
