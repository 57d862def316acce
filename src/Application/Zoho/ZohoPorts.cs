using NotesSync.Domain.Common;

namespace NotesSync.Application.Zoho;

/// <summary>What the token endpoint granted: the refresh token to keep, and where this organisation's data lives.</summary>
public sealed record ZohoGrant(string RefreshToken, Uri AccountsServer, Uri ApiDomain)
{
    public override string ToString() => $"grant for {ApiDomain}";
}

/// <summary>Zoho's accounts server, as the OAuth 2.0 authorization-code flow needs it (zoho.md §1).</summary>
public interface IZohoAuthorization
{
    /// <summary>Where the admin's browser goes to consent: offline access, every scope the product uses.</summary>
    Uri AuthorizeUrl(string state);

    /// <summary>
    /// The accounts server the redirect named, if it is one of Zoho's data centres (or the configured one): it
    /// comes back through the browser, so it is input, and NotesSync will send the client secret to it.
    /// </summary>
    Result<Uri> TrustedAccountsServer(string? accountsServer);

    /// <summary>
    /// Exchanges the one-time code at the organisation's accounts server, and keeps the first access token in the
    /// organisation's shared token cache.
    /// </summary>
    Task<Result<ZohoGrant>> ExchangeCodeAsync(string orgId, Uri accountsServer, string code, CancellationToken ct);
}

/// <summary>
/// The OAuth <c>state</c>: binds a consent to the organisation and the admin who asked for it, and expires.
/// It travels through the browser, so it is protected (encrypted and signed), not merely encoded.
/// </summary>
public interface IOAuthState
{
    string Issue(string orgId, string userId);
    (string OrgId, string UserId)? Read(string state);
}

public static class ZohoErrors
{
    public static readonly Error NotConnected =
        Error.Unprocessable("zoho-not-connected", "An admin must connect Zoho CRM first.").OfWholeSide();

    public static readonly Error BadState =
        Error.Validation("invalid-state", "This Zoho sign-in link is not valid or has expired. Start again from NotesSync.");

    public static readonly Error UntrustedAccountsServer =
        Error.Validation("untrusted-accounts-server", "Zoho sent the sign-in back from a server that is not one of Zoho's.");

    public static Error ConsentRefused(string error) =>
        Error.Unprocessable("zoho-consent-refused", $"Zoho did not grant access ({error}).");
}
