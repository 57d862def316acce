using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NotesSync.Web.Tests;

/// <summary>
/// A certificate that encrypts the Data Protection key ring, as production must have one: made once per test run,
/// written as a PFX file (no password) where the host's <c>DataProtection:CertificatePath</c> can name it.
/// </summary>
public static class KeyRingCertificate
{
    private static readonly Lazy<string> File = new(Create);

    public static string Path => File.Value;

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NotesSync test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"notessync-keyring-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}
