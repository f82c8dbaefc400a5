using System.Text;

namespace FeedSync.Hunting;

/// <summary>
/// Writes a hunting query as a YAML file in the layout of the Azure-Sentinel hunting-query repository: id, name,
/// description, requiredDataConnectors, tactics, relevantTechniques, query, entityMappings and version.
/// </summary>
internal static class HuntingYamlWriter
{
    /// <summary>The content version every file carries.</summary>
    public const string Version = "1.0.0";

    /// <summary>Returns the YAML document of <paramref name="query"/>, lines separated by <c>\n</c>.</summary>
    public static string Write(HuntingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        var yaml = new StringBuilder();
        Line(yaml, 0, $"id: {YamlText.Scalar(query.Id.ToString("D"))}");
        Line(yaml, 0, $"name: {YamlText.Scalar(query.Name)}");
        Line(yaml, 0, $"description: {YamlText.Scalar(query.Description)}");
        Line(yaml, 0, "requiredDataConnectors:");
        foreach (var connector in query.Connectors)
        {
            Line(yaml, 2, $"- connectorId: {YamlText.Scalar(connector.ConnectorId)}");
            Line(yaml, 4, "dataTypes:");
            Line(yaml, 6, $"- {YamlText.Scalar(query.Table)}");
        }

        List(yaml, "tactics", query.Tactics);
        List(yaml, "relevantTechniques", query.Techniques);
        Line(yaml, 0, $"query: {YamlText.Block(query.Query, 2)}");
        Line(yaml, 0, "entityMappings:" + (query.EntityMappings.Count == 0 ? " []" : string.Empty));
        foreach (var entity in query.EntityMappings.GroupBy(mapping => mapping.EntityType, StringComparer.Ordinal))
        {
            Line(yaml, 2, $"- entityType: {YamlText.Scalar(entity.Key)}");
            Line(yaml, 4, "fieldMappings:");
            foreach (var mapping in entity)
            {
                Line(yaml, 6, $"- identifier: {YamlText.Scalar(mapping.Identifier)}");
                Line(yaml, 8, $"columnName: {YamlText.Scalar(mapping.ColumnName)}");
            }
        }

        Line(yaml, 0, $"version: {Version}");
        return yaml.ToString();
    }

    private static void List(StringBuilder yaml, string key, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            Line(yaml, 0, $"{key}: []");
            return;
        }

        Line(yaml, 0, $"{key}:");
        foreach (var item in items)
        {
            Line(yaml, 2, $"- {YamlText.Scalar(item)}");
        }
    }

    private static void Line(StringBuilder yaml, int indent, string text) =>
        yaml.Append(' ', indent).Append(text).Append('\n');
}
