namespace FeedSync.Hunting;

/// <summary>The file format hunting content is written in.</summary>
public enum HuntingContentFormat
{
    /// <summary>One readable rule document (<c>.md</c>) per family.</summary>
    Markdown,

    /// <summary>One hunting-query YAML file (<c>.yaml</c>) per query, in the Azure-Sentinel repository layout.</summary>
    Yaml,

    /// <summary>One KQL file (<c>.kql</c>) per query.</summary>
    Kql,
}
