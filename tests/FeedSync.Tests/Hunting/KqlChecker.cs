using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FeedSync.Tests.Support;

namespace FeedSync.Tests.Hunting;

/// <summary>
/// Runs the official Kusto language service (tests/tools/kql-check.mjs on Node.js) over many queries in one process,
/// against the shared Sentinel table schemas and the schemas in the Schemas folder beside this file.
/// </summary>
/// <remarks>
/// Without Node.js or the installed tools the calling test is skipped with the fix, except under <c>CI=true</c>,
/// where it fails.
/// </remarks>
internal static class KqlChecker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks every query and returns its result by id; identical texts are checked once.</summary>
    public static IReadOnlyDictionary<string, KqlCheckResult> Check(IReadOnlyDictionary<string, string> queries)
    {
        var tools = Path.Combine(SharedData.RepositoryRoot, "tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@kusto", "language-service-next")))
        {
            Unavailable($"The Kusto language service is not installed under '{tools}'. Run: npm ci --prefix tests/tools");
        }

        var texts = queries.Values.Distinct(StringComparer.Ordinal).ToList();
        var request = new
        {
            SchemaDirectories = new[] { SharedData.Require("reference/tables"), SchemaDirectory },
            IncludeLiterals = true,
            Queries = texts.Select((text, index) => new { Id = index.ToString(CultureInfo.InvariantCulture), Text = text }).ToList(),
        };
        var requestPath = Path.Combine(Path.GetTempPath(), $"feedsync-kql-check-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestPath, JsonSerializer.Serialize(request, Json));
        try
        {
            var output = RunNode(Path.Combine(tools, "kql-check.mjs"), requestPath);
            var response = JsonSerializer.Deserialize<KqlCheckResponse>(output, Json)
                ?? throw new InvalidOperationException("kql-check.mjs printed no result.");
            var byText = response.Results.ToDictionary(
                result => texts[int.Parse(result.Id, CultureInfo.InvariantCulture)],
                result => (result.Diagnostics, Literals: (IReadOnlyList<string>)[.. (result.Literals ?? []).Select(DecodeLiteral)]),
                StringComparer.Ordinal);
            return queries.ToDictionary(
                query => query.Key,
                query => new KqlCheckResult(query.Key, byText[query.Value].Diagnostics, byText[query.Value].Literals),
                StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(requestPath);
        }
    }

    /// <summary>Gets the folder of the schemas written for this repository (the <c>_GetWatchlist</c> function).</summary>
    public static string SchemaDirectory { get; } =
        Path.Combine(SharedData.RepositoryRoot, "tests", "FeedSync.Tests", "Hunting", "Schemas");

    private static string RunNode(string script, string requestPath)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(requestPath);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            Unavailable($"Node.js was not found on PATH ({exception.Message}). Install Node.js 20 or later.");
            throw;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"kql-check.mjs timed out after {Timeout}.");
            }

            if (process.ExitCode != 0)
            {
                Assert.Fail($"kql-check.mjs failed with exit code {process.ExitCode}: {error.Result}");
            }

            return output;
        }
    }

    private static void Unavailable(string message)
    {
        if (SharedData.IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>Decodes a literal that kql-check.mjs wrote as base64 of UTF-16LE code units, keeping lone surrogates.</summary>
    private static string DecodeLiteral(string encoded) =>
        new(MemoryMarshal.Cast<byte, char>(Convert.FromBase64String(encoded)));

    private sealed record KqlCheckResponse(int Tables, int Functions, IReadOnlyList<EncodedResult> Results);

    private sealed record EncodedResult(string Id, IReadOnlyList<KqlDiagnostic> Diagnostics, IReadOnlyList<string>? Literals);
}

/// <summary>The language service's verdict on one query.</summary>
internal sealed record KqlCheckResult(string Id, IReadOnlyList<KqlDiagnostic> Diagnostics, IReadOnlyList<string> Literals)
{
    /// <summary>Gets the diagnostics of severity Error.</summary>
    public IEnumerable<KqlDiagnostic> Errors => Diagnostics.Where(diagnostic => diagnostic.Severity == "Error");
}

/// <summary>One diagnostic of the Kusto language service.</summary>
internal sealed record KqlDiagnostic(string Severity, string Code, string Message, int Start, int Length)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} at {Start}: {Message}";
}
