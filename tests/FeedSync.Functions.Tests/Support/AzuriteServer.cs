using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// Azurite, the Azure Storage emulator from tests/tools/node_modules, run in memory with its blob and table
/// services on free loopback ports. <see cref="DisposeAsync"/> stops it.
/// </summary>
internal sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key; it grants access to the emulator only.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string AccountName = "devstoreaccount1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly string workDirectory;

    private AzuriteServer(Process process, string workDirectory, int blobPort, int tablePort)
    {
        this.process = process;
        this.workDirectory = workDirectory;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
    }

    /// <summary>A connection string for the emulator's blob and table services.</summary>
    public string ConnectionString { get; }

    /// <summary>The path of Azurite's entry script, installed by <c>npm ci --prefix tests/tools</c>.</summary>
    public static string ScriptPath { get; } =
        Path.Combine(TestEnvironment.RepositoryRoot, "tests", "tools", "node_modules", "azurite", "dist", "src", "azurite.js");

    public static async Task<AzuriteServer> StartAsync()
    {
        int blobPort = LoopbackPorts.Free();
        int tablePort = LoopbackPorts.Free();
        string workDirectory = Directory.CreateTempSubdirectory("feedsync-azurite-").FullName;

        ProcessStartInfo startInfo = new("node")
        {
            ArgumentList =
            {
                ScriptPath, "--silent", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",

                // Azurite sends usage telemetry to Microsoft by default. The flag turns it off, so tests reach loopback only.
                "--disableTelemetry",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };

        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        ConcurrentQueue<string> output = new();
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        AzuriteServer server = new(process, workDirectory, blobPort, tablePort);
        try
        {
            await WaitForPortAsync(process, blobPort, output);
            await WaitForPortAsync(process, tablePort, output);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Checks that node and Azurite are installed; fails under CI and skips elsewhere when not.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ScriptPath))
        {
            TestEnvironment.MissingTool(
                $"Azurite is not installed at {ScriptPath}. Run 'npm ci --prefix tests/tools' in the repository root.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(workDirectory, recursive: true);
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null && output.Count < 50)
        {
            output.Enqueue(line);
        }
    }

    private static async Task WaitForPortAsync(Process process, int port, ConcurrentQueue<string> output)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before it listened on port {port}: {string.Join(Environment.NewLine, output)}");
            }

            try
            {
                using TcpClient client = new();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds} s.");
    }
}
