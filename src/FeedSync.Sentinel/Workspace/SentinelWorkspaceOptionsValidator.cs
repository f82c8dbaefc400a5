using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FeedSync.Sentinel.Workspace;

/// <summary>Validates <see cref="SentinelWorkspaceOptions"/> at start, with messages that name the setting to fix.</summary>
internal sealed class SentinelWorkspaceOptionsValidator : IValidateOptions<SentinelWorkspaceOptions>
{
    private const string Prefix = SentinelWorkspaceOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, SentinelWorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        ValidateWorkspace(options, failures);
        ValidateEndpoints(options, failures);
        ValidateResilience(options, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWorkspace(SentinelWorkspaceOptions options, List<string> failures)
    {
        if (!Guid.TryParse(options.SubscriptionId, out _))
        {
            failures.Add($"{Prefix}SubscriptionId is '{options.SubscriptionId}', not a GUID. Set it to the id of the subscription that contains the workspace.");
        }

        if (string.IsNullOrWhiteSpace(options.ResourceGroup))
        {
            failures.Add($"{Prefix}ResourceGroup is missing. Set it to the workspace's resource group.");
        }

        if (string.IsNullOrWhiteSpace(options.WorkspaceName))
        {
            failures.Add($"{Prefix}WorkspaceName is missing. Set it to the Log Analytics workspace name.");
        }
        else if (Guid.TryParse(options.WorkspaceName, out _))
        {
            failures.Add($"{Prefix}WorkspaceName is a GUID. Set it to the workspace's name, and put the customer id GUID in {Prefix}WorkspaceId.");
        }

        if (!string.IsNullOrWhiteSpace(options.WorkspaceId) && !Guid.TryParse(options.WorkspaceId, out _))
        {
            failures.Add($"{Prefix}WorkspaceId is '{options.WorkspaceId}', not a GUID. Set it to the workspace's customer id (Workspace ID in the portal), or leave it empty.");
        }

        if (SentinelCloud.FindByName(options.Cloud) is null)
        {
            failures.Add($"{Prefix}Cloud is '{options.Cloud}'. Use one of: {string.Join(", ", SentinelCloud.All.Select(cloud => cloud.Name))}.");
        }

        if (string.IsNullOrWhiteSpace(options.SecurityInsightsApiVersion) || string.IsNullOrWhiteSpace(options.SavedSearchesApiVersion))
        {
            failures.Add($"{Prefix}SecurityInsightsApiVersion and {Prefix}SavedSearchesApiVersion must not be empty; remove them to use the defaults.");
        }
    }

    private static void ValidateEndpoints(SentinelWorkspaceOptions options, List<string> failures)
    {
        var arm = ValidateEndpoint(options.ArmEndpoint, "ArmEndpoint", failures);
        var logAnalytics = ValidateEndpoint(options.LogAnalyticsEndpoint, "LogAnalyticsEndpoint", failures);

        if (options.UseEmulator == true && string.IsNullOrWhiteSpace(options.ArmEndpoint))
        {
            failures.Add($"{Prefix}UseEmulator is true but {Prefix}ArmEndpoint is missing. Set it to the emulator's URL, such as https://127.0.0.1:5443/.");
        }

        if (SentinelWorkspaceConfiguration.IsEmulator(options))
        {
            foreach (var (uri, setting) in new[] { (arm, "ArmEndpoint"), (logAnalytics, "LogAnalyticsEndpoint") })
            {
                if (uri is not null && !EndpointAddress.IsLoopback(uri))
                {
                    failures.Add($"{Prefix}{setting} '{uri}' is not a loopback address, but emulator mode is on ({Prefix}UseEmulator, or a loopback {Prefix}ArmEndpoint). The emulator's placeholder token is sent only to 127.0.0.1, ::1 or localhost.");
                }
            }
        }

        ValidateCertificate(options, failures);
    }

    private static Uri? ValidateEndpoint(string? value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var uri = EndpointAddress.ParseHttps(value);
        if (uri is null)
        {
            failures.Add($"{Prefix}{setting} '{value}' is not an absolute https URL. Bearer tokens are sent only over TLS: use https://host:port/.");
        }

        return uri;
    }

    private static void ValidateCertificate(SentinelWorkspaceOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ArmEndpoint) && string.IsNullOrWhiteSpace(options.LogAnalyticsEndpoint))
        {
            failures.Add($"{Prefix}TrustedCertificatePath is set without {Prefix}ArmEndpoint or {Prefix}LogAnalyticsEndpoint. The certificate is trusted only for an overridden endpoint.");
            return;
        }

        try
        {
            using var certificate = TrustedCertificateFile.Load(options.TrustedCertificatePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"{Prefix}TrustedCertificatePath '{options.TrustedCertificatePath}' could not be read as a PEM or DER certificate: {exception.Message}");
        }
    }

    private static void ValidateResilience(SentinelWorkspaceOptions options, List<string> failures)
    {
        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"{Prefix}MaxRetries is {options.MaxRetries}; use 0 to 20.");
        }

        var positive = new (TimeSpan Value, string Setting)[]
        {
            (options.RetryDelay, "RetryDelay"),
            (options.MaxRetryDelay, "MaxRetryDelay"),
            (options.AttemptTimeout, "AttemptTimeout"),
            (options.OperationPollInterval, "OperationPollInterval"),
            (options.OperationTimeout, "OperationTimeout"),
        };
        foreach (var (value, setting) in positive)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Prefix}{setting} is {value}; it must be a positive time span such as 00:00:30.");
            }
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}MaxRetryAfter is {options.MaxRetryAfter}; it must not be negative.");
        }
    }
}
