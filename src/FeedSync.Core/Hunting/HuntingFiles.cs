using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedSync.Hunting;

/// <summary>
/// Renders hunting content as files (rule documents, hunting-query YAML or KQL) and writes them into a folder.
/// File names are lower-case slugs of the titles, such as <c>threatfox-remcos-iocs.md</c>, made unique within a call.
/// </summary>
public static class HuntingFiles
{
    private const int MaxSlugLength = 80;

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders the files of <paramref name="scopes"/> in <paramref name="format"/>, in scope and query order.</summary>
    public static IReadOnlyList<HuntingFile> Render(IReadOnlyList<HuntingFamilyContent> scopes, HuntingContentFormat format)
    {
        ArgumentNullException.ThrowIfNull(scopes);

        var used = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<HuntingFile>();
        foreach (var scope in scopes)
        {
            if (format == HuntingContentFormat.Markdown)
            {
                files.Add(new HuntingFile(UniqueName(used, scope.Title, ".md"), RuleDocumentWriter.Write(scope)));
                continue;
            }

            foreach (var query in scope.Queries)
            {
                files.Add(format == HuntingContentFormat.Yaml
                    ? new HuntingFile(UniqueName(used, query.Name, ".yaml"), HuntingYamlWriter.Write(query))
                    : new HuntingFile(UniqueName(used, query.Name, ".kql"), query.Query + "\n"));
            }
        }

        return files;
    }

    /// <summary>
    /// Writes the files of <paramref name="scopes"/> into <paramref name="directory"/>, creating it when missing and
    /// replacing files of the same name, and returns their paths.
    /// </summary>
    /// <exception cref="HuntingOutputException">The directory is a file, or it or a file in it cannot be created.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        IReadOnlyList<HuntingFamilyContent> scopes,
        HuntingContentFormat format,
        string directory,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        logger ??= NullLogger.Instance;
        var folder = Path.GetFullPath(directory);
        Log.RenderStarted(logger, format.ToString(), string.Join(", ", scopes.Select(scope => scope.ScopeKey)), folder);
        CreateFolder(directory, folder);

        var paths = new List<string>();
        foreach (var file in Render(scopes, format))
        {
            var path = Path.Combine(folder, file.Name);
            try
            {
                await File.WriteAllTextAsync(path, file.Content, Utf8WithoutBom, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new HuntingOutputException(
                    $"'{directory}' cannot be written: {file.Name} failed ({exception.Message.TrimEnd('.')}). Pass a folder you can write to.",
                    exception);
            }

            paths.Add(path);
        }

        Log.RenderFinished(logger, paths.Count, folder);
        return paths;
    }

    /// <summary>Creates <paramref name="folder"/> (the full path of <paramref name="directory"/>) unless it exists.</summary>
    private static void CreateFolder(string directory, string folder)
    {
        if (File.Exists(folder))
        {
            throw new HuntingOutputException($"'{directory}' is a file, not a folder. Pass a folder path, or move the file away.");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HuntingOutputException(
                $"'{directory}' cannot be created: {exception.Message.TrimEnd('.')}. Pass a folder that can be created and written to.",
                exception);
        }
    }

    /// <summary>Returns a file name for <paramref name="title"/>: its lower-case ASCII letters and digits, words joined by hyphens.</summary>
    internal static string SlugOf(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var character in title)
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(char.ToLowerInvariant(character));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().TrimEnd('-');
        if (text.Length > MaxSlugLength)
        {
            text = text[..MaxSlugLength].TrimEnd('-');
        }

        return text.Length == 0 ? "hunting" : text;
    }

    private static string UniqueName(HashSet<string> used, string title, string extension)
    {
        var stem = SlugOf(title);
        var name = stem + extension;
        for (var suffix = 2; !used.Add(name); suffix++)
        {
            name = $"{stem}-{suffix}{extension}";
        }

        return name;
    }
}

/// <summary>One rendered file: its name, without folder, and its text.</summary>
/// <param name="Name">The file name, such as <c>threatfox-remcos-iocs.md</c>.</param>
/// <param name="Content">The text, lines separated by <c>\n</c>.</param>
public sealed record HuntingFile(string Name, string Content);
