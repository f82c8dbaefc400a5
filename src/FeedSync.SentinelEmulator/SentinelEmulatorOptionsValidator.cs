namespace FeedSync.SentinelEmulator;

/// <summary>Checks <see cref="SentinelEmulatorOptions"/> before the emulator starts.</summary>
internal static class SentinelEmulatorOptionsValidator
{
    public static void ThrowIfInvalid(SentinelEmulatorOptions options)
    {
        Require(options.Port is >= 0 and <= 65535, nameof(options.Port), $"Port {options.Port} is not between 0 and 65535. Use 0 for any free port.");
        Require(options.DeleteDuration >= TimeSpan.Zero, nameof(options.DeleteDuration), "DeleteDuration must not be negative.");
        Require(options.UploadDuration >= TimeSpan.Zero, nameof(options.UploadDuration), "UploadDuration must not be negative.");
        Require(options.IngestionDelay >= TimeSpan.Zero, nameof(options.IngestionDelay), "IngestionDelay must not be negative.");
        Require(options.Workspaces.Count > 0, nameof(options.Workspaces), "Workspaces is empty. Add at least one EmulatorWorkspace.");
        Require(
            options.Workspaces.Select(workspace => workspace.CustomerId).Distinct().Count() == options.Workspaces.Count,
            nameof(options.Workspaces),
            "Two workspaces share a CustomerId. Give each workspace its own customer id.");

        var faults = options.Faults;
        Require(faults.ThrottleRate is >= 0 and <= 1, "Faults.ThrottleRate", $"Faults.ThrottleRate {faults.ThrottleRate} is not between 0 and 1.");
        Require(faults.ServerErrorRate is >= 0 and <= 1, "Faults.ServerErrorRate", $"Faults.ServerErrorRate {faults.ServerErrorRate} is not between 0 and 1.");
        Require(faults.AddedLatency >= TimeSpan.Zero, "Faults.AddedLatency", "Faults.AddedLatency must not be negative.");
        Require(faults.DropConnectionAfterWrites is null or >= 0, "Faults.DropConnectionAfterWrites", "Faults.DropConnectionAfterWrites must be 0 or more, or null to never drop.");

        var limits = options.ThrottleLimits;
        Require(
            limits.ReadBucketSize > 0 && limits.WriteBucketSize > 0 && limits.DeleteBucketSize > 0,
            nameof(options.ThrottleLimits),
            "Every ThrottleLimits bucket size must be 1 or more.");
        Require(
            limits.ReadRefillPerSecond > 0 && limits.WriteRefillPerSecond > 0 && limits.DeleteRefillPerSecond > 0,
            nameof(options.ThrottleLimits),
            "Every ThrottleLimits refill rate must be above 0.");
    }

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, setting);
        }
    }
}
