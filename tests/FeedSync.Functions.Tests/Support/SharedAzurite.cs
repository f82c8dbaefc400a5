namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// One Azurite for the whole test run, started by the first test that needs it and stopped by
/// the assembly-wide <c>TestRunTeardown</c>. Tests isolate themselves with their own container and table names.
/// </summary>
internal static class SharedAzurite
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static AzuriteServer? server;

    /// <summary>Returns the running emulator, starting it when needed; skips or fails the test when Azurite is missing.</summary>
    public static async Task<AzuriteServer> GetAsync()
    {
        AzuriteServer.RequireInstalled();
        await StartGate.WaitAsync();
        try
        {
            return server ??= await AzuriteServer.StartAsync();
        }
        finally
        {
            StartGate.Release();
        }
    }

    public static async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }

    /// <summary>A name unique to one test, usable as a container or table name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 32, 63)];
}
