using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>
/// A Sentinel table that hunting queries read: which columns match each indicator group, what the query outputs,
/// which columns the exclusion profiles filter, and the data connectors that fill it.
/// </summary>
internal sealed record HuntingTable
{
    /// <summary>The table name.</summary>
    public required string Name { get; init; }

    /// <summary>The time column the output shows first and sorts by, newest first.</summary>
    public required string TimeColumn { get; init; }

    /// <summary>The data connectors that fill the table; any one of them is enough.</summary>
    public required IReadOnlyList<DataConnector> Connectors { get; init; }

    /// <summary>What the rule document says about the connector the table needs.</summary>
    public required string ConnectorNote { get; init; }

    /// <summary>The address and port column pairs that IP indicators are matched against.</summary>
    public IReadOnlyList<AddressColumns> Addresses { get; init; } = [];

    /// <summary>The column that domain indicators are matched against, or null.</summary>
    public string? DomainColumn { get; init; }

    /// <summary>Whether <see cref="DomainColumn"/> holds a URL or host name, so that the host is extracted first.</summary>
    public bool DomainColumnHoldsUrl { get; init; }

    /// <summary>The column that URL indicators are matched against, or null.</summary>
    public string? UrlColumn { get; init; }

    /// <summary>The columns that hash indicators of each kind are matched against.</summary>
    public IReadOnlyDictionary<IndicatorKind, string> HashColumns { get; init; } = new Dictionary<IndicatorKind, string>();

    /// <summary>A column that holds a hash of any kind, matched against every hash indicator, or null.</summary>
    public string? AnyHashColumn { get; init; }

    /// <summary>The output columns in analyst order: time, device or source, remote address and port, process, action.</summary>
    public required IReadOnlyList<OutputColumn> Output { get; init; }

    /// <summary>The columns each exclusion field filters in this table; a field the table lacks is absent.</summary>
    public IReadOnlyDictionary<ExclusionField, IReadOnlyList<string>> ExclusionColumns { get; init; } =
        new Dictionary<ExclusionField, IReadOnlyList<string>>();

    /// <summary>The entity mappings of the output, each used only when its column is output.</summary>
    public IReadOnlyList<EntityMapping> Entities { get; init; } = [];

    /// <summary>Gets the indicator groups the table can match.</summary>
    public IReadOnlyList<IndicatorGroup> Groups =>
    [
        .. Addresses.Count > 0 ? [IndicatorGroup.Address] : Array.Empty<IndicatorGroup>(),
        .. DomainColumn is not null ? [IndicatorGroup.Domain] : Array.Empty<IndicatorGroup>(),
        .. UrlColumn is not null ? [IndicatorGroup.Url] : Array.Empty<IndicatorGroup>(),
        .. HashColumns.Count > 0 || AnyHashColumn is not null ? [IndicatorGroup.FileHash] : Array.Empty<IndicatorGroup>(),
    ];
}

/// <summary>An address column and the port column that goes with it.</summary>
/// <param name="Address">The IP address column.</param>
/// <param name="Port">The port column.</param>
/// <param name="MapsIPv4">Whether the column may hold IPv4 addresses in IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>).</param>
internal sealed record AddressColumns(string Address, string Port, bool MapsIPv4 = false);

/// <summary>An output column, output only when the query matches <see cref="OnlyWith"/> (or always when null).</summary>
internal sealed record OutputColumn(string Name, IndicatorGroup? OnlyWith = null);
