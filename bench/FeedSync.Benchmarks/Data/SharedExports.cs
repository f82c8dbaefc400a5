namespace FeedSync.Benchmarks.Data;

/// <summary>
/// Finds the real ThreatFox export pair that the benchmarks derive their data from: two complete
/// <c>/export/json/recent/</c> downloads taken 5.5 hours apart on 2026-07-24, at 08:38 and 14:04 UTC.
/// </summary>
/// <remarks>
/// The files are read at run time from the shared data folder beside the checkout (<c>../shared</c>), or from the
/// folder that the <c>FEEDSYNC_SHARED</c> environment variable names. They are never copied into the repository.
/// </remarks>
public static class SharedExports
{
    /// <summary>The environment variable that overrides the shared data folder.</summary>
    public const string OverrideVariable = "FEEDSYNC_SHARED";

    /// <summary>The older export's file name.</summary>
    public const string BeforeFileName = "export-json-recent-2026-07-24T0838Z.json";

    /// <summary>The newer export's file name.</summary>
    public const string AfterFileName = "export-json-recent-2026-07-24T1404Z.json";

    /// <summary>When the older export was downloaded.</summary>
    public static readonly DateTimeOffset BeforeTime = new(2026, 7, 24, 8, 38, 0, TimeSpan.Zero);

    /// <summary>When the newer export was downloaded.</summary>
    public static readonly DateTimeOffset AfterTime = new(2026, 7, 24, 14, 4, 0, TimeSpan.Zero);

    /// <summary>Returns the full path of the older export.</summary>
    /// <exception cref="FileNotFoundException">The shared data folder or the file is missing.</exception>
    public static string BeforePath => Require(BeforeFileName);

    /// <summary>Returns the full path of the newer export.</summary>
    /// <exception cref="FileNotFoundException">The shared data folder or the file is missing.</exception>
    public static string AfterPath => Require(AfterFileName);

    private static string Require(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(FindRepositoryRoot(), "..", "shared");
        var path = Path.GetFullPath(Path.Combine(folder, "data", "threatfox", fileName));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The real ThreatFox export '{fileName}' was not found at '{path}'. Place the shared data folder beside the checkout or set {OverrideVariable} to its path.",
                path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeedSync.sln")))
            {
                return directory.FullName;
            }
        }

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "FeedSync.sln"))
            ? current
            : throw new DirectoryNotFoundException($"FeedSync.sln was not found above '{AppContext.BaseDirectory}' or in '{current}'. Run from the checkout or set {OverrideVariable}.");
    }
}
