using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NotesSync.Simulators.Domino.Hosting;

/// <summary>
/// A certificate made at start-up and trusted by nobody, so that a client that validates certificates fails
/// with a TLS error, as against a Domino server with a self-signed or internal-CA certificate.
/// </summary>
internal static class SelfSignedCertificate
{
    public static X509Certificate2 Create(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}, O=NotesSync Domino Simulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var ip) && !IPAddress.IsLoopback(ip)) names.AddIpAddress(ip);
        else if (!host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(host, out _)) names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Kestrel on Linux needs a certificate whose key can be exported to the TLS stack: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
