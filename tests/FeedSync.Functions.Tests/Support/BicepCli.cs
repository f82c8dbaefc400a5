using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package with SARIF diagnostics. The CLI
/// (0.49.2) sends HTTPS requests to aka.ms on every build and lint. A proxy setting on a closed loopback port
/// keeps them on this machine, where they fail without changing the diagnostics.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Checks that the CLI exists; fails under CI and skips elsewhere when not.</summary>
    public static string RequirePath()
    {
        string path = TestEnvironment.BicepPath;
        if (!File.Exists(path))
        {
            TestEnvironment.MissingTool(
                $"The Bicep CLI is not at {path}. Restore tests/FeedSync.Functions.Tests, which references Azure.Bicep.CommandLine.linux-x64.");
        }

        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("The Bicep CLI package in use is the linux-x64 build.");
        }

        return OperatingSystem.IsLinux() ? Executable(path) : path;
    }

    /// <summary>Runs the CLI and returns its exit code and the diagnostics from its SARIF output.</summary>
    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        ProcessStartInfo startInfo = new(RequirePath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("--diagnostics-format");
        startInfo.ArgumentList.Add("sarif");

        string closedProxy = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        startInfo.Environment["HTTPS_PROXY"] = closedProxy;
        startInfo.Environment["HTTP_PROXY"] = closedProxy;
        startInfo.Environment["ALL_PROXY"] = closedProxy;
        startInfo.Environment["NO_PROXY"] = string.Empty;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using CancellationTokenSource timeout = new(RunTimeout);
        await process.WaitForExitAsync(timeout.Token);

        string standardOutput = await output;
        string standardError = await error;
        List<string> diagnostics = [.. ReadDiagnostics(standardOutput), .. ReadDiagnostics(standardError)];
        if (!standardOutput.Contains("\"runs\"", StringComparison.Ordinal) && !standardError.Contains("\"runs\"", StringComparison.Ordinal))
        {
            diagnostics.Add($"The Bicep CLI wrote no SARIF output: {standardOutput}{standardError}");
        }

        return new BicepResult(process.ExitCode, diagnostics, standardError);
    }

    /// <summary>Returns the CLI's path, or an executable copy when the package was restored without the execute bit.</summary>
    [SupportedOSPlatform("linux")]
    private static string Executable(string path)
    {
        if ((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0)
        {
            return path;
        }

        string copy = Path.Combine(Path.GetTempPath(), "feedsync-bicep", "bicep");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(path, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return copy;
    }

    /// <summary>Reads every SARIF document in the text: build writes them to standard error, lint to standard output.</summary>
    private static List<string> ReadDiagnostics(string text)
    {
        int start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        List<string> diagnostics = [];
        Utf8JsonReader reader = new(Encoding.UTF8.GetBytes(text[start..]), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            diagnostics.AddRange(document.RootElement.GetProperty("runs").EnumerateArray()
                .SelectMany(run => run.GetProperty("results").EnumerateArray())
                .Select(Describe));
        }

        return diagnostics;
    }

    private static string Describe(JsonElement result)
    {
        string level = result.TryGetProperty("level", out JsonElement value) ? value.GetString()! : "warning";
        string file = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        return $"{Path.GetFileName(file)}: {level} {result.GetProperty("ruleId").GetString()}: {result.GetProperty("message").GetProperty("text").GetString()}";
    }
}

/// <summary>The exit code, the SARIF diagnostics as text lines, and standard error of one CLI run.</summary>
internal sealed record BicepResult(int ExitCode, IReadOnlyList<string> Diagnostics, string StandardError);
