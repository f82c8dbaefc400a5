using Microsoft.Extensions.Hosting;

namespace FeedSync.SentinelEmulator.Hosting;

/// <summary>
/// A host lifetime that leaves process signals alone. The default console lifetime would take Ctrl+C and SIGTERM
/// for itself and stop the server behind the back of the process that embeds the emulator.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
