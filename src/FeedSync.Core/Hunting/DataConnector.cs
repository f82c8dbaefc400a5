namespace FeedSync.Hunting;

/// <summary>A Microsoft Sentinel data connector that fills a table a hunting query reads.</summary>
/// <param name="ConnectorId">The connector id used by Sentinel content (<c>requiredDataConnectors</c>), such as <c>CefAma</c>.</param>
/// <param name="DisplayName">The connector's name in the Sentinel portal.</param>
public sealed record DataConnector(string ConnectorId, string DisplayName);
