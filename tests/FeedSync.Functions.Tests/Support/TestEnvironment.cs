using System.Reflection;

namespace FeedSync.Functions.Tests.Support;

/// <summary>
/// Paths and tools the tests use. A missing tool fails the test under <c>CI=true</c> and skips it elsewhere
/// with a message that says how to install it.
/// </summary>
internal static class TestEnvironment
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The build output of src/FeedSync.Functions for the configuration the tests were built in.</summary>
    public static string FunctionsOutputPath { get; } = Metadata("FunctionsOutputPath");

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
    public static string BicepPath { get; } = Metadata("BicepPath");

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the test under CI and skips it elsewhere.</summary>
    public static void MissingTool(string message)
    {
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata.");
}
