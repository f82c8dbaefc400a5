using FeedSync.Hunting;
using FeedSync.Normalisation;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class HuntingContentBuilderTests
{
    [Test]
    public void Remcos_IpPortIndicators_QueriesNetworkTables()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");

        // Assert
        Assert.That(content.Queries.Select(query => query.Name), Is.EqualTo(new List<string>
        {
            "ThreatFox: Remcos IOCs (CommonSecurityLog)",
            "ThreatFox: Remcos IOCs (CommonSecurityLog, address only)",
            "ThreatFox: Remcos IOCs (DeviceNetworkEvents)",
            "ThreatFox: Remcos IOCs (DeviceNetworkEvents, address only)",
        }));
    }

    [Test]
    public void AllKinds_EveryMatchingTable_Queried()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.CobaltStrikeIndicators, "Cobalt Strike");

        // Assert
        Assert.That(content.Queries.Where(query => query.Variant == HuntingQueryVariant.Standard).Select(query => query.Table), Is.EqualTo(new List<string>
        {
            "CommonSecurityLog", "DeviceNetworkEvents", "DnsEvents", "ASimDnsActivityLogs", "DeviceFileEvents", "DeviceProcessEvents",
        }));
    }

    [Test]
    public void DomainsOnly_NoAddressOrHashTables()
    {
        // Arrange
        var domain = HuntingTestData.Create(IndicatorKind.Domain, "evil.example", HuntingTestData.Remcos, "botnet_cc", HuntingTestData.RemcosFirstSeen);

        // Act
        var content = HuntingTestData.Family([domain], "Remcos");

        // Assert
        Assert.That(content.Queries.Select(query => query.Table), Is.EqualTo(new List<string>
        {
            "CommonSecurityLog", "DeviceNetworkEvents", "DnsEvents", "ASimDnsActivityLogs",
        }));
    }

    [Test]
    public void Standard_IpWithPort_MatchesBoth()
    {
        // Act
        var query = RemcosQuery("DeviceNetworkEvents", HuntingQueryVariant.Standard, HuntingQueryStyle.Inline);

        // Assert
        Assert.That(query.Query, Does.Contain("strcat(IocRemoteIP, ':', RemotePort) in (iocEndpoints)"));
        Assert.That(query.Query, Does.Contain("let iocEndpoints = dynamic(['124.198.132.98:2414', '124.198.132.98:2424', '31.76.93.14:1337']);"));
    }

    [Test]
    public void AddressOnly_InlineRemcos_ListsTheTwoAddresses()
    {
        // Act
        var query = RemcosQuery("CommonSecurityLog", HuntingQueryVariant.AddressOnly, HuntingQueryStyle.Inline);

        // Assert
        Assert.That(query.Query, Does.Contain("let iocAddresses = dynamic(['124.198.132.98', '31.76.93.14']);"));
        Assert.That(query.Query, Does.Contain("| where DestinationIP in (iocAddresses)\n    or SourceIP in (iocAddresses)"));
        Assert.That(query.Query, Does.Not.Contain("iocEndpoints"));
    }

    [Test]
    public void AddressOnlyVariant_Disabled_IsNotBuilt()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options => options.IncludeAddressOnlyVariants = false);

        // Assert
        Assert.That(content.Queries.Select(query => query.Variant), Is.All.EqualTo(HuntingQueryVariant.Standard));
    }

    [Test]
    public void AddressOnlyVariant_NoPorts_NotBuilt()
    {
        // Arrange
        var address = HuntingTestData.Ip("198.51.100.7", null, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen);

        // Act
        var content = HuntingTestData.Family([address], "Remcos");

        // Assert
        Assert.That(content.Queries.Select(query => query.Variant), Is.All.EqualTo(HuntingQueryVariant.Standard));
    }

    [Test]
    public void Watchlist_Default_SplitsFamilyList()
    {
        // Act
        var query = RemcosQuery("DeviceNetworkEvents", HuntingQueryVariant.Standard, HuntingQueryStyle.Watchlist);

        // Assert
        Assert.That(query.Style, Is.EqualTo(HuntingQueryStyle.Watchlist));
        Assert.That(query.Query, Does.StartWith("let iocIpRows = _GetWatchlist('ThreatFox-IP')"));
        Assert.That(query.Query, Does.Contain("| extend IocFamilies = split(replace_regex(tolower(tostring(MalwareIds)), @'\\s', ''), ';')"));
        Assert.That(query.Query, Does.Contain("| where set_has_element(IocFamilies, 'win.remcos')"));
        Assert.That(query.Query, Does.Not.Contain("124.198.132.98"));
    }

    [Test]
    public void Watchlist_AliasPrefix_IsUsed()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options => options.WatchlistAliasPrefix = "Contoso_TF");

        // Assert
        Assert.That(content.Queries.Select(query => query.Query), Has.All.Contains("_GetWatchlist('Contoso_TF-IP')"));
    }

    [Test]
    public void Family_SimilarIdPrefix_IsNotIncluded()
    {
        // Arrange
        var lookalike = new MalwareFamily("win.remcos_x", "Remcos X", []);
        List<Indicator> indicators = [.. HuntingTestData.RemcosIndicators, HuntingTestData.Ip("203.0.113.9", 80, lookalike, HuntingTestData.RemcosFirstSeen)];

        // Act
        var content = HuntingTestData.Family(indicators, "win.remcos");

        // Assert
        Assert.That(content.Indicators, Has.Count.EqualTo(3));
        Assert.That(content.Indicators.Select(indicator => indicator.Value), Has.None.EqualTo("203.0.113.9"));
    }

    [Test]
    public void Family_IndicatorOfSeveralFamilies_CountsForEach()
    {
        // Arrange
        var shared = HuntingTestData.Ip("203.0.113.9", 80, HuntingTestData.CobaltStrike, HuntingTestData.RemcosFirstSeen) with
        {
            Families = [HuntingTestData.CobaltStrike, HuntingTestData.Remcos],
        };

        // Act
        var content = HuntingTestData.Family([.. HuntingTestData.RemcosIndicators, shared], "Remcos");

        // Assert
        Assert.That(content.Indicators, Does.Contain(shared));
    }

    [TestCase("win.remcos")]
    [TestCase("REMCOS")]
    [TestCase("remcosrat")]
    [TestCase("  Remcos  ")]
    public void Family_IdNameOrAlias_Selects(string name)
    {
        // Act
        var scopes = HuntingTestData.Builder().BuildFamilies(HuntingTestData.RemcosIndicators, name);

        // Assert
        Assert.That(scopes.Select(scope => scope.ScopeKey), Is.EqualTo(new List<string> { "win.remcos" }));
    }

    [Test]
    public void Family_Unknown_ReturnsNoScope()
    {
        // Act
        var scopes = HuntingTestData.Builder().BuildFamilies(HuntingTestData.RemcosIndicators, "win.agent_tesla");

        // Assert
        Assert.That(scopes, Is.Empty);
    }

    [Test]
    public void Output_DeviceNetworkEvents_AnalystOrder()
    {
        // Act
        var query = RemcosQuery("DeviceNetworkEvents", HuntingQueryVariant.Standard, HuntingQueryStyle.Watchlist);

        // Assert
        Assert.That(query.Query, Does.EndWith(
            "| project Timestamp, DeviceName, RemoteIP, RemotePort, InitiatingProcessFileName, ActionType, InitiatingProcessCommandLine, InitiatingProcessAccountName\n"
            + "| sort by Timestamp desc"));
    }

    [Test]
    public void Output_CommonSecurityLog_AnalystOrder()
    {
        // Act
        var query = RemcosQuery("CommonSecurityLog", HuntingQueryVariant.Standard, HuntingQueryStyle.Watchlist);

        // Assert
        Assert.That(query.Query, Does.EndWith(
            "| project TimeGenerated, SourceIP, SourcePort, DestinationIP, DestinationPort, DeviceAction, Activity, DeviceVendor, DeviceProduct\n"
            + "| sort by TimeGenerated desc"));
    }

    [Test]
    public void Exclusions_DefaultProfiles_AppliedToDeviceNetworkEvents()
    {
        // Act
        var query = RemcosQuery("DeviceNetworkEvents", HuntingQueryVariant.Standard, HuntingQueryStyle.Watchlist);

        // Assert
        Assert.That(query.AppliedExclusions, Is.EqualTo(new List<string>
        {
            "ScheduledMaintenance", "AdminRemoteAccess", "LogCollectors", "SoftwareDeployment", "NetworkMonitoring",
        }));
        Assert.That(query.Query, Does.Contain("InitiatingProcessParentFileName in~ ('schtasks.exe')"));
        Assert.That(query.Query, Does.Contain("InitiatingProcessCommandLine has_any ('SystemMaintenanceTask')"));
        Assert.That(query.Query, Does.Contain("InitiatingProcessFolderPath startswith 'C:\\\\Windows\\\\Temp\\\\Deployment\\\\'"));
    }

    [Test]
    public void Exclusions_TableWithoutFields_NotApplied()
    {
        // Arrange
        var domain = HuntingTestData.Create(IndicatorKind.Domain, "evil.example", HuntingTestData.Remcos, "botnet_cc", HuntingTestData.RemcosFirstSeen);

        // Act
        var query = HuntingTestData.Family([domain], "Remcos").Queries.Single(query => query.Table == "DnsEvents");

        // Assert
        Assert.That(query.AppliedExclusions, Is.Empty);
        Assert.That(query.Query, Does.Not.Contain("where not("));
    }

    [Test]
    public void Exclusions_ProfileDisabled_NotApplied()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options =>
            options.Exclusions["AdminRemoteAccess"] = new ExclusionProfileOptions { Enabled = false });

        // Assert
        Assert.That(content.Queries.SelectMany(query => query.AppliedExclusions), Has.None.EqualTo("AdminRemoteAccess"));
        Assert.That(content.Queries.Select(query => query.Query), Has.None.Contains("psexec.exe"));
    }

    [Test]
    public void Exclusions_ListOverridden_ReplacesBuiltInList()
    {
        // Act
        var query = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options =>
            options.Exclusions["NetworkMonitoring"] = new ExclusionProfileOptions { ProcessNames = ["nmap.exe"] })
            .Queries.Single(query => query.Name == "ThreatFox: Remcos IOCs (DeviceNetworkEvents)");

        // Assert
        Assert.That(query.Query, Does.Contain("InitiatingProcessFileName in~ ('nmap.exe')"));
        Assert.That(query.Query, Does.Not.Contain("wireshark.exe"));
    }

    [Test]
    public void Exclusions_NetworkInterface_OnlyOnCommonSecurityLog()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options =>
            options.Exclusions["NetworkMonitoring"] = new ExclusionProfileOptions { ProcessNames = [], NetworkInterfaces = ["span0"] });

        // Assert
        Assert.That(content.Queries.Single(query => query.Name == "ThreatFox: Remcos IOCs (CommonSecurityLog)").Query,
            Does.Contain("DeviceInboundInterface in~ ('span0') or DeviceOutboundInterface in~ ('span0')"));
        Assert.That(content.Queries.Single(query => query.Name == "ThreatFox: Remcos IOCs (DeviceNetworkEvents)").AppliedExclusions,
            Has.None.EqualTo("NetworkMonitoring"));
    }

    [Test]
    public void Inline_OverCap_KeepsMostRecent()
    {
        // Arrange
        var older = HuntingTestData.Ip("198.51.100.1", 80, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen.AddDays(-10));
        var newer = HuntingTestData.Ip("198.51.100.2", 80, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen);

        // Act
        var query = HuntingTestData.Family([older, newer], "Remcos", options =>
        {
            options.Style = HuntingQueryStyle.Inline;
            options.InlineMaxIndicators = 1;
        }).Queries[0];

        // Assert
        Assert.That(query.InlinedIndicatorCount, Is.EqualTo(1));
        Assert.That(query.IndicatorCount, Is.EqualTo(2));
        Assert.That(query.Query, Does.StartWith("// The inline lists hold the 1 most recently active of 2 indicators"));
        Assert.That(query.Query, Does.Contain("'198.51.100.2'"));
        Assert.That(query.Query, Does.Not.Contain("'198.51.100.1'"));
        Assert.That(query.Description, Does.Contain("lists the 1 most recently active of 2 indicators inline"));
    }

    [Test]
    public void Hashes_Sha3Only_GetsNoQuery()
    {
        // Arrange
        var sha3 = HuntingTestData.Create(IndicatorKind.Sha3_384, new string('d', 96), HuntingTestData.Remcos, "payload", HuntingTestData.RemcosFirstSeen);

        // Act
        var content = HuntingTestData.Family([sha3], "Remcos");

        // Assert
        Assert.That(content.Queries, Is.Empty);
    }

    [Test]
    public void Hashes_Inline_UseOnlyKindsPresent()
    {
        // Arrange
        var sha256 = HuntingTestData.Create(IndicatorKind.Sha256, new string('A', 64), HuntingTestData.Remcos, "payload", HuntingTestData.RemcosFirstSeen);

        // Act
        var query = HuntingTestData.Family([sha256], "Remcos", options => options.Style = HuntingQueryStyle.Inline)
            .Queries.Single(query => query.Table == "DeviceFileEvents");

        // Assert
        Assert.That(query.Query, Does.Contain($"let iocSha256 = dynamic(['{new string('a', 64)}']);"));
        Assert.That(query.Query, Does.Contain("| where SHA256 in~ (iocSha256)"));
        Assert.That(query.Query, Does.Not.Contain("MD5 in~"));
    }

    [Test]
    public void Hashes_Watchlist_CheckEveryHashColumn()
    {
        // Arrange
        var sha256 = HuntingTestData.Create(IndicatorKind.Sha256, new string('a', 64), HuntingTestData.Remcos, "payload", HuntingTestData.RemcosFirstSeen);

        // Act
        var query = HuntingTestData.Family([sha256], "Remcos").Queries.Single(query => query.Table == "DeviceProcessEvents");

        // Assert
        Assert.That(query.Query, Does.Contain("| where SHA256 in~ (iocSha256)\n    or SHA1 in~ (iocSha1)\n    or MD5 in~ (iocMd5)"));
    }

    [Test]
    public void Attack_Rat_GetsRemoteAccessTechnique()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");

        // Assert
        Assert.That(content.Tactics, Is.EqualTo(new List<string> { "CommandAndControl" }));
        Assert.That(content.Techniques, Is.EqualTo(new List<string> { "T1071", "T1219" }));
    }

    [Test]
    public void Attack_PayloadThreatTypes_AddExecutionAndTransfer()
    {
        // Act
        var content = HuntingTestData.Family(HuntingTestData.CobaltStrikeIndicators, "Cobalt Strike");

        // Assert
        Assert.That(content.Tactics, Is.EqualTo(new List<string> { "Execution", "CommandAndControl" }));
        Assert.That(content.Techniques, Is.EqualTo(new List<string> { "T1071", "T1105", "T1204" }));
    }

    [TestCase("win.asyncrat", "AsyncRAT", true)]
    [TestCase("win.quasar_rat", "Quasar RAT", true)]
    [TestCase("win.brute_ratel_c4", "Brute Ratel C4", false)]
    [TestCase("win.vidar", "Vidar", false)]
    public void Attack_RatByName_IsDetected(string id, string name, bool expected)
    {
        // Act
        var isRat = AttackMapping.IsRemoteAccessTrojan(new MalwareFamily(id, name, []), AttackMapping.DefaultRemoteAccessTrojans);

        // Assert
        Assert.That(isRat, Is.EqualTo(expected));
    }

    [Test]
    public void Ids_SameInputs_AreStable()
    {
        // Act
        var first = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");
        var second = HuntingTestData.Family([.. HuntingTestData.RemcosIndicators.Reverse()], "Remcos");

        // Assert
        Assert.That(second.Queries.Select(query => query.Id), Is.EqualTo(first.Queries.Select(query => query.Id)));
        Assert.That(second.Queries.Select(query => query.Query), Is.EqualTo(first.Queries.Select(query => query.Query)));
    }

    [Test]
    public void Ids_StyleChange_KeepsId()
    {
        // Act
        var watchlist = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos");
        var inline = HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options => options.Style = HuntingQueryStyle.Inline);

        // Assert
        Assert.That(inline.Queries.Select(query => query.Id), Is.EqualTo(watchlist.Queries.Select(query => query.Id)));
    }

    [Test]
    public void Ids_AreUniqueAcrossScopes()
    {
        // Act
        var content = HuntingTestData.Builder(options => options.Families.Add("Remcos"))
            .Build([.. HuntingTestData.RemcosIndicators, .. HuntingTestData.CobaltStrikeIndicators]);

        // Assert
        Assert.That(content.Queries.Select(query => query.Id), Is.Unique);
    }

    [Test]
    public void Build_ConfiguredFamilies_ThenFeedWide()
    {
        // Act
        var content = HuntingTestData.Builder(options =>
        {
            options.Families.Add("Cobalt Strike");
            options.Families.Add("win.remcos");
        }).Build([.. HuntingTestData.RemcosIndicators, .. HuntingTestData.CobaltStrikeIndicators]);

        // Assert
        Assert.That(content.Scopes.Select(scope => scope.ScopeKey), Is.EqualTo(new List<string> { "win.cobalt_strike", "win.remcos", "*" }));
        Assert.That(content.Scopes[^1].Title, Is.EqualTo("ThreatFox: all IOCs"));
        Assert.That(content.ScopesWithoutIndicators, Is.Empty);
    }

    [Test]
    public void Build_FeedWide_HasNoFamilyFilter()
    {
        // Act
        var content = HuntingTestData.Builder().Build(HuntingTestData.RemcosIndicators);

        // Assert
        Assert.That(content.Scopes.Single().Queries.Select(query => query.Query), Has.None.Contains("IocFamilies"));
    }

    [Test]
    public void Build_ConfiguredFamilyWithoutIndicators_IsListed()
    {
        // Act
        var content = HuntingTestData.Builder(options => options.Families.Add("win.agent_tesla")).Build(HuntingTestData.RemcosIndicators);

        // Assert
        Assert.That(content.ScopesWithoutIndicators, Is.EqualTo(new List<string> { "win.agent_tesla" }));
    }

    [Test]
    public void Build_EmptyFeed_ListsFeedWideWithoutIndicators()
    {
        // Act
        var content = HuntingTestData.Builder().Build([]);

        // Assert
        Assert.That(content.Scopes, Is.Empty);
        Assert.That(content.ScopesWithoutIndicators, Is.EqualTo(new List<string> { "*" }));
    }

    [Test]
    public void Build_FeedWideDisabled_HasOnlyFamilies()
    {
        // Act
        var content = HuntingTestData.Builder(options =>
        {
            options.IncludeFeedWide = false;
            options.Families.Add("Remcos");
        }).Build(HuntingTestData.RemcosIndicators);

        // Assert
        Assert.That(content.Scopes.Select(scope => scope.ScopeKey), Is.EqualTo(new List<string> { "win.remcos" }));
    }

    [Test]
    public void Indicators_AreNewestFirst()
    {
        // Arrange
        var older = HuntingTestData.Ip("198.51.100.1", 80, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen.AddDays(-1));
        var newer = HuntingTestData.Ip("198.51.100.2", 80, HuntingTestData.Remcos, HuntingTestData.RemcosFirstSeen);

        // Act
        var content = HuntingTestData.Family([older, newer], "Remcos");

        // Assert
        Assert.That(content.Indicators, Is.EqualTo(new List<Indicator> { newer, older }));
    }

    private static HuntingQuery RemcosQuery(string table, HuntingQueryVariant variant, HuntingQueryStyle style) =>
        HuntingTestData.Family(HuntingTestData.RemcosIndicators, "Remcos", options => options.Style = style)
            .Queries.Single(query => query.Table == table && query.Variant == variant);
}
