namespace FeedSync.Hunting;

/// <summary>One generated hunting query over one table, with the metadata its saved search and YAML file carry.</summary>
public sealed record HuntingQuery
{
    /// <summary>The deterministic id: a name-based UUID of the watchlist prefix, scope, table and variant.</summary>
    public required Guid Id { get; init; }

    /// <summary>The display name, such as <c>ThreatFox: Remcos IOCs (DeviceNetworkEvents)</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the query finds and how it matches, in plain text.</summary>
    public required string Description { get; init; }

    /// <summary>The scope key: the family key, such as <c>win.remcos</c>, or <c>*</c> for the whole feed.</summary>
    public required string ScopeKey { get; init; }

    /// <summary>The table the query reads.</summary>
    public required string Table { get; init; }

    /// <summary>Whether IP addresses match with their port or alone.</summary>
    public required HuntingQueryVariant Variant { get; init; }

    /// <summary>Where the query reads its indicators from.</summary>
    public required HuntingQueryStyle Style { get; init; }

    /// <summary>The KQL text, lines separated by <c>\n</c>.</summary>
    public required string Query { get; init; }

    /// <summary>The MITRE ATT&amp;CK tactics, such as <c>CommandAndControl</c>.</summary>
    public required IReadOnlyList<string> Tactics { get; init; }

    /// <summary>The MITRE ATT&amp;CK techniques, such as <c>T1071</c>.</summary>
    public required IReadOnlyList<string> Techniques { get; init; }

    /// <summary>The data connectors that fill the table; any one of them is enough.</summary>
    public required IReadOnlyList<DataConnector> Connectors { get; init; }

    /// <summary>The entity mappings of the output columns.</summary>
    public required IReadOnlyList<EntityMapping> EntityMappings { get; init; }

    /// <summary>The names of the false-positive exclusion profiles the query applies.</summary>
    public required IReadOnlyList<string> AppliedExclusions { get; init; }

    /// <summary>The scope's indicators the query can match.</summary>
    public required int IndicatorCount { get; init; }

    /// <summary>For an inline query, how many indicators it lists; null for a watchlist query.</summary>
    public int? InlinedIndicatorCount { get; init; }
}
