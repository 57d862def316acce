using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NotesSync.Simulators.Domino.Hosting;

/// <summary>
/// A certificate authority made at run time, as a company's internal CA that signs its Domino servers'
/// certificates: nobody trusts it until a client is told to. No key or certificate ever touches the repository.
/// <code>
/// using var ca = TestCertificateAuthority.Create();
/// await using var domino = await DominoSimulator.StartAsync(new() { ServerCertificate = ca.IssueServerCertificate("127.0.0.1") });
/// File.WriteAllText(anchorsPath, ca.RootPem); // what the client is configured to trust
/// </code>
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2 _root;

    private TestCertificateAuthority(X509Certificate2 root) => _root = root;

    /// <summary>The CA's certificate, without its key, as PEM: the trust anchor a client is given.</summary>
    public string RootPem => _root.ExportCertificatePem();

    public static TestCertificateAuthority Create(string name = "NotesSync Test Root CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=NotesSync Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));
    }

    /// <summary>
    /// A TLS server certificate signed by this CA for the given names (IP addresses or DNS names; the first is
    /// also its common name), with its private key, ready for Kestrel.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        ArgumentOutOfRangeException.ThrowIfZero(names.Length);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}, O=NotesSync Domino Simulator", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address)) alternativeNames.AddIpAddress(address);
            else alternativeNames.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));

        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(_root, now.AddHours(-1), now.AddDays(7), SerialNumber());
        using var withKey = signed.CopyWithPrivateKey(key);
        // Kestrel on Linux needs a certificate whose key can be exported to the TLS stack: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive number, as RFC 5280 requires
        return serial;
    }

    public void Dispose() => _root.Dispose();
}
