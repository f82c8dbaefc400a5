using System.Net;
using Microsoft.Extensions.Options;

namespace FeedSync.ThreatFox;

/// <summary>Checks what data annotations cannot: an absolute https base URL (http only for a loopback host) and timeouts that fit together.</summary>
internal sealed class ThreatFoxClientOptionsValidator : IValidateOptions<ThreatFoxClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ThreatFoxClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{ThreatFoxClientOptions.SectionName}:BaseUrl '{options.BaseUrl}' must be an absolute https URL, such as {ThreatFoxClientOptions.DefaultBaseUrl}.");
        }
        else if (baseUrl.Scheme == Uri.UriSchemeHttp && !IsLoopback(baseUrl))
        {
            // The Auth-Key travels in a request header, so plain http would send it unencrypted.
            failures.Add($"{ThreatFoxClientOptions.SectionName}:BaseUrl '{options.BaseUrl}' uses http, which would send the Auth-Key unencrypted. Use https, such as {ThreatFoxClientOptions.DefaultBaseUrl}; http is accepted only for a loopback test server.");
        }

        if (options.AttemptTimeout > options.Timeout)
        {
            failures.Add($"{ThreatFoxClientOptions.SectionName}:AttemptTimeout ({options.AttemptTimeout}) must not exceed {ThreatFoxClientOptions.SectionName}:Timeout ({options.Timeout}).");
        }

        if (options.ApiKey is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{ThreatFoxClientOptions.SectionName}:ApiKey contains whitespace or is empty; set the key exactly as https://auth.abuse.ch/ shows it, or remove the setting.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
