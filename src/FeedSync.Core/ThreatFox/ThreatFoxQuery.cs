using System.Text.Json.Nodes;

namespace FeedSync.ThreatFox;

/// <summary>One ThreatFox API query. The factory methods check the parameters before anything is sent.</summary>
public sealed class ThreatFoxQuery
{
    /// <summary>The largest <c>limit</c> the API accepts for <c>malwareinfo</c> and <c>taginfo</c>.</summary>
    public const int MaxLimit = 1000;

    private readonly JsonObject body;

    private ThreatFoxQuery(string name, JsonObject body)
    {
        Name = name;
        this.body = body;
    }

    /// <summary>The API query name, such as <c>get_iocs</c>.</summary>
    public string Name { get; }

    /// <summary>IOCs added in the last <paramref name="days"/> days, 1 to 7.</summary>
    /// <exception cref="ThreatFoxException"><paramref name="days"/> is outside 1 to 7 (<see cref="ThreatFoxErrorKind.InvalidRequest"/>).</exception>
    public static ThreatFoxQuery GetIocs(int days)
    {
        if (days is < 1 or > 7)
        {
            throw Invalid($"days must be 1 to 7, but is {days}; ThreatFox's get_iocs query covers at most the last 7 days.");
        }

        return new ThreatFoxQuery("get_iocs", new JsonObject { ["query"] = "get_iocs", ["days"] = days });
    }

    /// <summary>The most recent IOCs of a malware family (id such as <c>win.remcos</c> or printable name), up to <paramref name="limit"/>.</summary>
    public static ThreatFoxQuery MalwareInfo(string malware, int limit = 100)
    {
        RequireText(malware, "malware");
        RequireLimit(limit);
        return new ThreatFoxQuery("malwareinfo", new JsonObject { ["query"] = "malwareinfo", ["malware"] = malware, ["limit"] = limit });
    }

    /// <summary>The most recent IOCs with a tag, up to <paramref name="limit"/>.</summary>
    public static ThreatFoxQuery TagInfo(string tag, int limit = 100)
    {
        RequireText(tag, "tag");
        RequireLimit(limit);
        return new ThreatFoxQuery("taginfo", new JsonObject { ["query"] = "taginfo", ["tag"] = tag, ["limit"] = limit });
    }

    /// <summary>IOCs matching a search term; with <paramref name="exactMatch"/> only the exact value.</summary>
    public static ThreatFoxQuery SearchIoc(string searchTerm, bool exactMatch = false)
    {
        RequireText(searchTerm, "search term");
        return new ThreatFoxQuery("search_ioc", new JsonObject { ["query"] = "search_ioc", ["search_term"] = searchTerm, ["exact_match"] = exactMatch });
    }

    /// <summary>The IOC with ThreatFox id <paramref name="id"/>.</summary>
    public static ThreatFoxQuery Ioc(long id)
    {
        if (id < 1)
        {
            throw Invalid($"the IOC id must be a positive number, but is {id}.");
        }

        return new ThreatFoxQuery("ioc", new JsonObject { ["query"] = "ioc", ["id"] = id });
    }

    /// <summary>Returns the JSON request body.</summary>
    public string ToJson() => body.ToJsonString();

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid($"the {name} must not be empty.");
        }
    }

    private static void RequireLimit(int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw Invalid($"limit must be 1 to {MaxLimit}, but is {limit}.");
        }
    }

    private static ThreatFoxException Invalid(string problem) =>
        new(ThreatFoxErrorKind.InvalidRequest, $"Invalid ThreatFox query: {problem} Nothing was sent.");
}
