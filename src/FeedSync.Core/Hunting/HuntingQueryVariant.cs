namespace FeedSync.Hunting;

/// <summary>Which indicators a hunting query matches, and how.</summary>
public enum HuntingQueryVariant
{
    /// <summary>
    /// Every indicator kind the table can match. An IP address with a known port matches only together with that
    /// port, because the same address often serves unrelated traffic on other ports.
    /// </summary>
    Standard,

    /// <summary>IP addresses only, matched on the address whatever the port.</summary>
    AddressOnly,
}
