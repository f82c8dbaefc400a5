namespace FeedSync.Tests.Support;

/// <summary>
/// Locates the read-only shared material that sits beside the checkout (<c>../shared</c>).
/// Under <c>CI=true</c> a missing file fails the test; elsewhere the test is skipped with a message,
/// so that a fresh clone without the folder still passes.
/// </summary>
internal static class SharedData
{
    private const string OverrideVariable = "FEEDSYNC_SHARED";

    /// <summary>Gets the repository root: the nearest folder above the test binaries that holds FeedSync.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets the shared folder: <c>FEEDSYNC_SHARED</c> when set, else <c>../shared</c> beside the checkout.</summary>
    public static string Root { get; } =
        Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Gets whether the run is a CI run, where missing shared files are failures.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the full path of a shared file, given relative to the shared folder. Fails the test under CI
    /// and skips it elsewhere when the file is missing.
    /// </summary>
    public static string Require(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var message = $"Shared file '{relativePath}' not found under '{Root}'. Place the shared folder beside the checkout or set {OverrideVariable}.";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeedSync.sln")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException($"FeedSync.sln not found above '{AppContext.BaseDirectory}'.");
    }
}
