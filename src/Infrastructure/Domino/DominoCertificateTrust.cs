using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NotesSync.Infrastructure.Domino;

/// <summary>
/// Whether a Domino server's HTTPS certificate is trusted. Many Domino servers carry a certificate from their
/// company's internal CA, or a self-signed one, which no public root vouches for: the operator lists those anchors in
/// <see cref="DominoOptions.TrustedCertificatesPath"/>. A certificate is accepted when the platform's own validation
/// passes (system roots), or when its only fault is a chain that does not reach a system root and the chain does
/// reach one of the configured anchors. A name mismatch, a missing certificate, or a chain that reaches neither is
/// refused, so the adapter answers <c>tls-error</c>: validation is extended, never turned off.
/// </summary>
internal sealed class DominoCertificateTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _anchors;

    private DominoCertificateTrust(X509Certificate2Collection anchors) => _anchors = anchors;

    /// <summary>
    /// The anchors of <paramref name="pemPath"/>; null when none is configured, and the platform's validation is then
    /// used unchanged. A configured file that is missing or holds no certificate stops the host at start-up: quietly
    /// trusting only the system's roots would fail every connection to the servers it was meant for.
    /// </summary>
    public static DominoCertificateTrust? Load(string? pemPath)
    {
        if (string.IsNullOrWhiteSpace(pemPath)) return null;
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(pemPath);
        if (anchors.Count == 0)
            throw new InvalidOperationException($"Notes:TrustedCertificatesPath '{pemPath}' holds no PEM certificate.");
        return new DominoCertificateTrust(anchors);
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // Only a chain that stops short of a system root may be rescued; the name check stands as the platform made it.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf) return false;

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        // As SslStream's own validation does by default: an internal CA rarely publishes a revocation list we could reach.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The intermediates the server sent with its certificate.
        if (chain is not null) custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        return custom.Build(leaf);
    }

    /// <summary>
    /// The callback the Domino client uses, with or without extra anchors: it throws when it refuses a certificate, so
    /// that a certificate refused (<c>tls-error</c>, the user's to fix) is told apart from a handshake that failed
    /// because the port speaks something else than TLS (told as unreachable: what listens there is not ours to reveal).
    /// SslStream reports both as the same <see cref="System.Security.Authentication.AuthenticationException"/>.
    /// </summary>
    public static RemoteCertificateValidationCallback RefusingLoudly(DominoCertificateTrust? trust) =>
        (sender, certificate, chain, errors) =>
            (trust?.Validate(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None)
                ? true
                : throw new CertificateRefusedException(errors);
}

/// <summary>Thrown by the certificate validation of the Domino client when it refuses the server's certificate.</summary>
public sealed class CertificateRefusedException(SslPolicyErrors errors)
    : System.Security.Authentication.AuthenticationException($"The server's certificate was refused: {errors}.");
