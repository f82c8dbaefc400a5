using System.Security.Cryptography.X509Certificates;

namespace FeedSync.Sentinel.Workspace;

/// <summary>Loads a certificate from a PEM or DER file.</summary>
internal static class TrustedCertificateFile
{
    public static X509Certificate2 Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificate(bytes);
    }
}
