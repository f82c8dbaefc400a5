using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FeedSync.Sentinel.Pipeline;

/// <summary>
/// Server certificate validation that accepts one pinned certificate on the overridden endpoints and
/// applies the platform's default validation everywhere else.
/// </summary>
internal sealed class TrustedCertificateValidator
{
    private readonly byte[] _trustedCertificate;
    private readonly HashSet<string> _trustedAuthorities;

    public TrustedCertificateValidator(X509Certificate2 trustedCertificate, IEnumerable<Uri> trustedEndpoints)
    {
        ArgumentNullException.ThrowIfNull(trustedCertificate);
        ArgumentNullException.ThrowIfNull(trustedEndpoints);

        _trustedCertificate = trustedCertificate.RawData;
        _trustedAuthorities = new HashSet<string>(trustedEndpoints.Select(AuthorityOf), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Returns true when the platform accepted the certificate, or when it is the pinned one on a trusted endpoint.</summary>
    public bool Validate(Uri? requestUri, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (requestUri is null || certificate is null || !_trustedAuthorities.Contains(AuthorityOf(requestUri)))
        {
            return false;
        }

        return certificate.RawData.AsSpan().SequenceEqual(_trustedCertificate);
    }

    /// <summary>Creates an HTTP handler that validates server certificates with this validator.</summary>
    public HttpClientHandler CreateHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (request, certificate, _, errors) => Validate(request.RequestUri, certificate, errors),
    };

    private static string AuthorityOf(Uri uri) => $"{uri.IdnHost}:{uri.Port}";
}
