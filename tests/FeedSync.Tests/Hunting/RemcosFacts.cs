using System.Text.RegularExpressions;

namespace FeedSync.Tests.Hunting;

/// <summary>
/// The facts of the "ThreatFox: Remcos IOCs" hunting rule that SOC teams share, checked against a generated rule
/// document: the three ip:port indicators defanged, the two addresses, both tables with the note that their connector
/// must be enabled, and the five false-positive scenarios with their filters.
/// </summary>
internal static class RemcosFacts
{
    public static IReadOnlyList<string> DefangedIndicators { get; } =
        ["124[.]198[.]132[.]98:2414", "124[.]198[.]132[.]98:2424", "31[.]76[.]93[.]14:1337"];

    public static IReadOnlyList<string> DefangedAddresses { get; } = ["124[.]198[.]132[.]98", "31[.]76[.]93[.]14"];

    /// <summary>The filter values of the five scenarios: maintenance tasks, admin remote access, log collectors, deployment, monitoring.</summary>
    public static IReadOnlyList<(string Scenario, string[] FilterValues)> FalsePositiveScenarios { get; } =
    [
        ("ScheduledMaintenance", ["schtasks.exe", "SystemMaintenanceTask"]),
        ("AdminRemoteAccess", ["psexec.exe", "mstsc.exe", "Administrator"]),
        ("LogCollectors", ["splunkd.exe", "logstash.exe"]),
        ("SoftwareDeployment", ["gpupdate.exe", @"C:\Windows\Temp\Deployment\"]),
        ("NetworkMonitoring", ["wireshark.exe", "tcpdump.exe"]),
    ];

    public static void AssertDocument(string markdown)
    {
        var probe = new MarkdownProbe(markdown);
        Assert.That(MarkdownProbe.TextOf(probe.Headings[0]), Is.EqualTo("ThreatFox: Remcos IOCs"));
        Assert.That(markdown, Does.Contain("| Total IOCs | 3 |"));
        Assert.That(markdown, Does.Contain("| IOC types | 3 ip:port |"));
        foreach (var indicator in DefangedIndicators)
        {
            Assert.That(markdown, Does.Contain($"| ip:port | `{indicator}` | `botnet_cc` | 2026-05-26 | 75% |"), indicator);
        }

        foreach (var address in DefangedAddresses)
        {
            Assert.That(markdown, Does.Contain($"`{address}`"), address);
        }

        Assert.That(markdown, Does.Contain("| CommonSecurityLog | Common Event Format (CEF) via AMA (`CefAma`), Common Event Format (CEF) (`CEF`) | Filled by a CEF or Syslog-based connector"));
        Assert.That(markdown, Does.Contain("| DeviceNetworkEvents | Microsoft Defender XDR (`MicrosoftThreatProtection`) | Filled by the Microsoft Defender XDR connector"));
        Assert.That(Regex.Matches(markdown, @"\| (CommonSecurityLog|DeviceNetworkEvents) \|.*that connector must be enabled\. \|"), Has.Count.EqualTo(2));

        var scenarios = probe.Headings.Where(heading => heading.Level == 3 && char.IsAsciiDigit(MarkdownProbe.TextOf(heading)[0])).Select(MarkdownProbe.TextOf).ToList();
        Assert.That(scenarios, Is.EqualTo(FalsePositiveScenarios.Select((scenario, index) => $"{index + 1}. {scenario.Scenario}").ToList()));
        foreach (var (scenario, values) in FalsePositiveScenarios)
        {
            var section = markdown[markdown.IndexOf($". {scenario}\n", StringComparison.Ordinal)..];
            var end = section.IndexOf("\n### ", 1, StringComparison.Ordinal);
            section = end < 0 ? section : section[..end];
            foreach (var value in values)
            {
                Assert.That(section, Does.Contain($"`{value}`"), $"{scenario}: {value}");
            }

            Assert.That(section, Does.Contain("DeviceNetworkEvents:\n\n```kusto\n| where not("), scenario);
        }
    }
}
