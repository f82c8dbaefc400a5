using FeedSync.Normalisation;

namespace FeedSync.Hunting;

/// <summary>Maps a scope's threat types and family to MITRE ATT&amp;CK tactics and techniques.</summary>
/// <remarks>
/// Every query hunts for traffic to or files from attacker infrastructure, so CommandAndControl and T1071
/// (Application Layer Protocol) always apply. ThreatFox threat types add: <c>payload_delivery</c> T1105 (Ingress
/// Tool Transfer), <c>payload</c> Execution and T1204 (User Execution), <c>cc_skimming</c> Collection and T1056
/// (Input Capture). A remote access trojan adds T1219 (Remote Access Software).
/// </remarks>
internal static class AttackMapping
{
    /// <summary>The built-in remote access trojan family ids, beside those whose name has a word ending in "rat".</summary>
    public static IReadOnlyList<string> DefaultRemoteAccessTrojans { get; } =
    [
        "win.remcos", "win.nanocore", "win.netwire", "win.darkcomet", "win.ave_maria", "win.xworm", "win.plugx",
        "win.poison_ivy", "win.netsupportmanager_rat", "win.bitrat",
    ];

    private static readonly string[] TacticOrder = ["Execution", "Collection", "CommandAndControl"];

    /// <summary>Returns the tactics of a scope, in ATT&amp;CK matrix order.</summary>
    public static IReadOnlyList<string> TacticsOf(HuntingScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);

        var tactics = new HashSet<string>(StringComparer.Ordinal) { "CommandAndControl" };
        foreach (var threatType in ThreatTypesOf(scope))
        {
            switch (threatType)
            {
                case "payload":
                    tactics.Add("Execution");
                    break;
                case "cc_skimming":
                    tactics.Add("Collection");
                    break;
            }
        }

        return [.. TacticOrder.Where(tactics.Contains)];
    }

    /// <summary>Returns the techniques of a scope, ascending.</summary>
    public static IReadOnlyList<string> TechniquesOf(HuntingScope scope, IEnumerable<string> remoteAccessTrojans)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(remoteAccessTrojans);

        var techniques = new SortedSet<string>(StringComparer.Ordinal) { "T1071" };
        foreach (var threatType in ThreatTypesOf(scope))
        {
            var technique = threatType switch
            {
                "payload_delivery" => "T1105",
                "payload" => "T1204",
                "cc_skimming" => "T1056",
                _ => null,
            };
            if (technique is not null)
            {
                techniques.Add(technique);
            }
        }

        if (scope.Family is { } family && IsRemoteAccessTrojan(family, remoteAccessTrojans))
        {
            techniques.Add("T1219");
        }

        return [.. techniques];
    }

    /// <summary>Returns whether <paramref name="family"/> is a remote access trojan.</summary>
    public static bool IsRemoteAccessTrojan(MalwareFamily family, IEnumerable<string> remoteAccessTrojans)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(remoteAccessTrojans);

        if (remoteAccessTrojans.Any(id => string.Equals(id.Trim(), family.Id, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return new[] { family.Id, family.Name }.Concat(family.Aliases)
            .SelectMany(WordsOf)
            .Any(word => word.EndsWith("rat", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> ThreatTypesOf(HuntingScope scope) =>
        scope.Indicators.Select(indicator => indicator.ThreatType.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> WordsOf(string text) =>
        text.Split((char[])[.. text.Where(character => !char.IsLetterOrDigit(character)).Distinct()], StringSplitOptions.RemoveEmptyEntries);
}
