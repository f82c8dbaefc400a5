using Microsoft.Extensions.Logging;

namespace FeedSync.SentinelEmulator;

/// <summary>Settings of one <see cref="SentinelEmulator"/> run.</summary>
public sealed class SentinelEmulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on. Default 0: any free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the JSON file that keeps the state. Default null: state lives in memory only.
    /// When set, the emulator loads the file at start, rewrites it atomically after every change and
    /// reloads it when another process has changed it. The certificate is kept beside it (same name, <c>.pfx</c>).
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>Gets or sets how long a watchlist delete stays in progress. Default zero: the first poll reports it finished.</summary>
    public TimeSpan DeleteDuration { get; set; }

    /// <summary>Gets or sets how long a <c>rawContent</c> bulk upload stays in progress. Default zero.</summary>
    public TimeSpan UploadDuration { get; set; }

    /// <summary>Gets or sets the delay before a watchlist change shows in Log Analytics queries. Default zero.</summary>
    public TimeSpan IngestionDelay { get; set; }

    /// <summary>Gets or sets whether ARM's subscription token buckets apply. Default true.</summary>
    public bool ThrottlingEnabled { get; set; } = true;

    /// <summary>Gets or sets the token-bucket sizes and refill rates. Default: ARM's published limits.</summary>
    public EmulatorThrottleLimits ThrottleLimits { get; set; } = new();

    /// <summary>Gets or sets the faults to inject. The same object stays live as <see cref="SentinelEmulator.Faults"/>.</summary>
    public EmulatorFaultOptions Faults { get; set; } = new();

    /// <summary>Gets the workspaces the emulator serves. Default: one, <see cref="EmulatorWorkspace.Default"/>.</summary>
    public IList<EmulatorWorkspace> Workspaces { get; } = new List<EmulatorWorkspace> { EmulatorWorkspace.Default };

    /// <summary>
    /// Gets or sets whether each workspace lists the built-in <c>LogManagement(...)</c> saved searches that real
    /// workspaces carry (without etags). Default true.
    /// </summary>
    public bool IncludeBuiltInSavedSearches { get; set; } = true;

    /// <summary>Gets or sets the clock for durations, etags, timestamps and token refills. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory for the emulator's own log. Default null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
