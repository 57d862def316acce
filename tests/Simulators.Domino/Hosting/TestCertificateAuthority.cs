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

    private readonly X509Certificate2 _certificate;

    private TestCertificateAuthority(X509Certificate2 certificate) => _certificate = certificate;

    /// <summary>The CA's certificate, without its key, as PEM: the trust anchor a client is given.</summary>
    public string RootPem => _certificate.ExportCertificatePem();

    /// <summary>The CA's certificate, without its key: what a server sends after its own when this CA is an intermediate. A new instance each time, the caller's to dispose of.</summary>
    public X509Certificate2 PublicCertificate => X509CertificateLoader.LoadCertificate(_certificate.RawData);

    public static TestCertificateAuthority Create(string name = "NotesSync Test Root CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(CaRequest(name, key).CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));
    }

    /// <summary>An issuing CA signed by this one, as in a two-tier company PKI: clients trust the root only.</summary>
    public TestCertificateAuthority IssueIntermediate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(_certificate, now.AddHours(-12), now.AddDays(20), SerialNumber());
        return new TestCertificateAuthority(signed.CopyWithPrivateKey(key));
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
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));

        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(_certificate, now.AddHours(-1), now.AddDays(7), SerialNumber());
        using var withKey = signed.CopyWithPrivateKey(key);
        // Kestrel on Linux needs a certificate whose key can be exported to the TLS stack: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}, O=NotesSync Tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive number, as RFC 5280 requires
        return serial;
    }

    public void Dispose() => _certificate.Dispose();
}
