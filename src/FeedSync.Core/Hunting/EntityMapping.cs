namespace FeedSync.Hunting;

/// <summary>Maps a query output column to an identifier of a Sentinel entity, as hunting-query YAML declares it.</summary>
/// <param name="EntityType">The entity type, such as <c>IP</c> or <c>Host</c>.</param>
/// <param name="Identifier">The entity identifier, such as <c>Address</c> or <c>HostName</c>.</param>
/// <param name="ColumnName">The output column that holds the identifier's value.</param>
public sealed record EntityMapping(string EntityType, string Identifier, string ColumnName);
