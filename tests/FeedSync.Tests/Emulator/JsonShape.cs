using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedSync.Tests.Emulator;

/// <summary>
/// Compares the shape of two JSON documents: property names and JSON kinds, not values. A null in the expected
/// document matches any kind. Array elements match when some element on the other side has the same shape.
/// </summary>
internal static class JsonShape
{
    /// <summary>
    /// Lists the shape differences. With <paramref name="exact"/> the actual document may not add properties or
    /// array element shapes; without it, the expected document only has to be contained in the actual one.
    /// Paths in <paramref name="ignoredPaths"/> (such as <c>$.value[].etag</c>) are skipped.
    /// </summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, bool exact, IReadOnlySet<string>? ignoredPaths = null)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", exact, ignoredPaths ?? new HashSet<string>(), differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, bool exact, IReadOnlySet<string> ignored, List<string> differences)
    {
        if (ignored.Contains(path) || expected is null)
        {
            return;
        }

        var expectedKind = KindOf(expected);
        var actualKind = KindOf(actual);
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject expectedObject:
                CompareObjects(expectedObject, actual!.AsObject(), path, exact, ignored, differences);
                break;
            case JsonArray expectedArray:
                CompareArrays(expectedArray, actual!.AsArray(), path, exact, ignored, differences);
                break;
        }
    }

    private static void CompareObjects(JsonObject expected, JsonObject actual, string path, bool exact, IReadOnlySet<string> ignored, List<string> differences)
    {
        foreach (var (name, value) in expected)
        {
            var childPath = $"{path}.{name}";
            if (ignored.Contains(childPath))
            {
                continue;
            }

            if (!actual.TryGetPropertyValue(name, out var actualValue))
            {
                differences.Add($"{childPath}: missing");
                continue;
            }

            Compare(value, actualValue, childPath, exact, ignored, differences);
        }

        if (!exact)
        {
            return;
        }

        foreach (var (name, _) in actual)
        {
            if (!expected.ContainsKey(name) && !ignored.Contains($"{path}.{name}"))
            {
                differences.Add($"{path}.{name}: not in the expected document");
            }
        }
    }

    private static void CompareArrays(JsonArray expected, JsonArray actual, string path, bool exact, IReadOnlySet<string> ignored, List<string> differences)
    {
        var elementPath = path + "[]";
        if (expected.Count > 0 && actual.Count == 0)
        {
            differences.Add($"{path}: expected elements, got an empty array");
            return;
        }

        foreach (var expectedElement in expected)
        {
            ReportUnmatched(expectedElement, actual, candidate => Differences(expectedElement, candidate, exact, ignored, elementPath), elementPath, "expected element", differences);
        }

        if (!exact || expected.Count == 0)
        {
            return;
        }

        foreach (var actualElement in actual)
        {
            ReportUnmatched(actualElement, expected, candidate => Differences(candidate, actualElement, exact, ignored, elementPath), elementPath, "actual element", differences);
        }
    }

    private static void ReportUnmatched(JsonNode? element, JsonArray candidates, Func<JsonNode?, List<string>> compare, string path, string side, List<string> differences)
    {
        List<string>? closest = null;
        foreach (var candidate in candidates)
        {
            var found = compare(candidate);
            if (found.Count == 0)
            {
                return;
            }

            closest ??= found;
        }

        differences.Add($"{path}: no {side} of the same shape as {element?.ToJsonString()[..Math.Min(120, element.ToJsonString().Length)]}; closest differences: {string.Join("; ", closest ?? [])}");
    }

    private static List<string> Differences(JsonNode? expected, JsonNode? actual, bool exact, IReadOnlySet<string> ignored, string path)
    {
        var differences = new List<string>();
        Compare(expected, actual, path, exact, ignored, differences);
        return differences;
    }

    private static string KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.Value.ToString().ToLowerInvariant(),
    };
}
