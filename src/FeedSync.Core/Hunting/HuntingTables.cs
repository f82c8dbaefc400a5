using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>The tables FeedSync writes hunting queries for, in the order queries and documents list them.</summary>
/// <remarks>
/// Column names follow the Azure-Sentinel KQL validation schemas and the Azure Monitor Logs table reference.
/// Connector ids are those of the Azure-Sentinel data connector definitions.
/// </remarks>
internal static class HuntingTables
{
    private static readonly DataConnector DefenderXdr = new("MicrosoftThreatProtection", "Microsoft Defender XDR");

    private static readonly IReadOnlyList<string> InitiatingProcessNames = ["InitiatingProcessFileName", "InitiatingProcessParentFileName"];

    /// <summary>Firewall, proxy and other network device logs in Common Event Format.</summary>
    public static HuntingTable CommonSecurityLog { get; } = new()
    {
        Name = "CommonSecurityLog",
        TimeColumn = "TimeGenerated",
        Connectors = [new("CefAma", "Common Event Format (CEF) via AMA"), new("CEF", "Common Event Format (CEF)")],
        ConnectorNote = "Filled by a CEF or Syslog-based connector of a firewall, proxy or other network device; that connector must be enabled.",
        Addresses = [new("DestinationIP", "DestinationPort"), new("SourceIP", "SourcePort")],
        DomainColumn = "DestinationHostName",
        UrlColumn = "RequestURL",
        AnyHashColumn = "FileHash",
        Output =
        [
            new("TimeGenerated"), new("SourceIP"), new("SourcePort"), new("DestinationIP"), new("DestinationPort"),
            new("DestinationHostName", IndicatorGroup.Domain), new("RequestURL", IndicatorGroup.Url),
            new("FileName", IndicatorGroup.FileHash), new("FileHash", IndicatorGroup.FileHash),
            new("DeviceAction"), new("Activity"), new("DeviceVendor"), new("DeviceProduct"),
        ],
        ExclusionColumns = new Dictionary<ExclusionField, IReadOnlyList<string>>
        {
            [ExclusionField.ProcessName] = ["SourceProcessName"],
            [ExclusionField.AccountName] = ["SourceUserName"],
            [ExclusionField.NetworkInterface] = ["DeviceInboundInterface", "DeviceOutboundInterface"],
        },
        Entities =
        [
            new("IP", "Address", "DestinationIP"), new("DNS", "DomainName", "DestinationHostName"),
            new("URL", "Url", "RequestURL"), new("File", "Name", "FileName"),
        ],
    };

    /// <summary>Microsoft Defender for Endpoint network connections.</summary>
    public static HuntingTable DeviceNetworkEvents { get; } = new()
    {
        Name = "DeviceNetworkEvents",
        TimeColumn = "Timestamp",
        Connectors = [DefenderXdr],
        ConnectorNote = "Filled by the Microsoft Defender XDR connector with Defender for Endpoint device events; that connector must be enabled.",
        Addresses = [new("RemoteIP", "RemotePort", MapsIPv4: true)],
        DomainColumn = "RemoteUrl",
        DomainColumnHoldsUrl = true,
        UrlColumn = "RemoteUrl",
        Output =
        [
            new("Timestamp"), new("DeviceName"), new("RemoteIP"), new("RemotePort"),
            new("RemoteUrl", IndicatorGroup.Domain), new("RemoteUrl", IndicatorGroup.Url),
            new("InitiatingProcessFileName"), new("ActionType"), new("InitiatingProcessCommandLine"),
            new("InitiatingProcessAccountName"),
        ],
        ExclusionColumns = DefenderExclusionColumns(folders: ["InitiatingProcessFolderPath"], commandLines: ["InitiatingProcessCommandLine"]),
        Entities = [new("Host", "HostName", "DeviceName"), new("IP", "Address", "RemoteIP"), new("URL", "Url", "RemoteUrl")],
    };

    /// <summary>Microsoft Defender for Endpoint file creation and modification events.</summary>
    public static HuntingTable DeviceFileEvents { get; } = new()
    {
        Name = "DeviceFileEvents",
        TimeColumn = "Timestamp",
        Connectors = [DefenderXdr],
        ConnectorNote = "Filled by the Microsoft Defender XDR connector with Defender for Endpoint device events; that connector must be enabled.",
        HashColumns = DefenderHashColumns(),
        Output =
        [
            new("Timestamp"), new("DeviceName"), new("FolderPath"), new("FileName"), new("SHA256"), new("SHA1"), new("MD5"),
            new("InitiatingProcessFileName"), new("ActionType"), new("InitiatingProcessAccountName"),
        ],
        ExclusionColumns = DefenderExclusionColumns(folders: ["FolderPath", "InitiatingProcessFolderPath"], commandLines: ["InitiatingProcessCommandLine"]),
        Entities = [new("Host", "HostName", "DeviceName"), new("File", "Name", "FileName")],
    };

    /// <summary>Microsoft Defender for Endpoint process creation events.</summary>
    public static HuntingTable DeviceProcessEvents { get; } = new()
    {
        Name = "DeviceProcessEvents",
        TimeColumn = "Timestamp",
        Connectors = [DefenderXdr],
        ConnectorNote = "Filled by the Microsoft Defender XDR connector with Defender for Endpoint device events; that connector must be enabled.",
        HashColumns = DefenderHashColumns(),
        Output =
        [
            new("Timestamp"), new("DeviceName"), new("FolderPath"), new("FileName"), new("SHA256"), new("SHA1"), new("MD5"),
            new("ProcessCommandLine"), new("InitiatingProcessFileName"), new("ActionType"), new("AccountName"),
        ],
        ExclusionColumns = DefenderExclusionColumns(
            folders: ["FolderPath", "InitiatingProcessFolderPath"],
            commandLines: ["ProcessCommandLine", "InitiatingProcessCommandLine"],
            processNames: ["FileName", .. InitiatingProcessNames]),
        Entities = [new("Host", "HostName", "DeviceName"), new("File", "Name", "FileName"), new("Process", "CommandLine", "ProcessCommandLine")],
    };

    /// <summary>DNS queries logged by Windows DNS servers through the Log Analytics agent.</summary>
    public static HuntingTable DnsEvents { get; } = new()
    {
        Name = "DnsEvents",
        TimeColumn = "TimeGenerated",
        Connectors = [new("DNS", "DNS")],
        ConnectorNote = "Filled by the DNS connector of Windows DNS servers; that connector must be enabled.",
        DomainColumn = "Name",
        Output = [new("TimeGenerated"), new("Computer"), new("ClientIP"), new("Name"), new("IPAddresses"), new("QueryType"), new("ResultCode")],
        Entities = [new("Host", "HostName", "Computer"), new("IP", "Address", "ClientIP"), new("DNS", "DomainName", "Name")],
    };

    /// <summary>DNS activity in the Advanced Security Information Model (ASIM) schema.</summary>
    public static HuntingTable ASimDnsActivityLogs { get; } = new()
    {
        Name = "ASimDnsActivityLogs",
        TimeColumn = "TimeGenerated",
        Connectors = [new("ASimDnsActivityLogs", "Windows DNS Events via AMA")],
        ConnectorNote = "Filled by the Windows DNS Events via AMA connector or another source normalised to the ASIM DNS schema; that connector must be enabled.",
        DomainColumn = "DnsQuery",
        Output =
        [
            new("TimeGenerated"), new("SrcHostname"), new("SrcIpAddr"), new("DnsQuery"), new("DnsResponseName"),
            new("SrcProcessName"), new("EventResult"), new("DvcAction"),
        ],
        ExclusionColumns = new Dictionary<ExclusionField, IReadOnlyList<string>>
        {
            [ExclusionField.ProcessName] = ["SrcProcessName"],
            [ExclusionField.AccountName] = ["SrcUsername"],
        },
        Entities = [new("Host", "HostName", "SrcHostname"), new("IP", "Address", "SrcIpAddr"), new("DNS", "DomainName", "DnsQuery")],
    };

    /// <summary>Every table, in the order queries and documents list them.</summary>
    public static IReadOnlyList<HuntingTable> All { get; } =
        [CommonSecurityLog, DeviceNetworkEvents, DnsEvents, ASimDnsActivityLogs, DeviceFileEvents, DeviceProcessEvents];

    private static Dictionary<IndicatorKind, string> DefenderHashColumns() => new()
    {
        [IndicatorKind.Sha256] = "SHA256",
        [IndicatorKind.Sha1] = "SHA1",
        [IndicatorKind.Md5] = "MD5",
    };

    private static Dictionary<ExclusionField, IReadOnlyList<string>> DefenderExclusionColumns(
        IReadOnlyList<string> folders,
        IReadOnlyList<string> commandLines,
        IReadOnlyList<string>? processNames = null) => new()
        {
            [ExclusionField.ProcessName] = processNames ?? InitiatingProcessNames,
            [ExclusionField.AccountName] = ["InitiatingProcessAccountName"],
            [ExclusionField.FolderPath] = folders,
            [ExclusionField.CommandLine] = commandLines,
        };
}
