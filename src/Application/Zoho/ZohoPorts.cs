using NotesSync.Domain.Common;

namespace NotesSync.Application.Zoho;

/// <summary>
/// What the token endpoint granted: the refresh token to keep, the first access token, and where this organisation's
/// data lives. Nothing of it is stored until the grant is known to belong to the organisation that asked.
/// </summary>
public sealed record ZohoGrant(string RefreshToken, string AccessToken, TimeSpan AccessTokenLifetime, Uri AccountsServer, Uri ApiDomain)
{
    public override string ToString() => $"grant for {ApiDomain}";
}

/// <summary>
/// The Zoho organisation a grant opens, as <c>GET /crm/v8/org</c> names it: <c>id</c> and <c>zgid</c> differ, and
/// which one the widget and the Marketplace call the org id is not documented, so either matches (zoho.md §3).
/// </summary>
public sealed record ZohoOrganisationIds(string? Id, string? Zgid)
{
    public bool Names(string orgId) => orgId == Id || orgId == Zgid;
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

    /// <summary>Exchanges the one-time code at the accounts server that issued it; stores nothing.</summary>
    Task<Result<ZohoGrant>> ExchangeCodeAsync(Uri accountsServer, string code, CancellationToken ct);

    /// <summary>Which Zoho organisation the grant opens (<c>GET /crm/v8/org</c> with its access token).</summary>
    Task<Result<ZohoOrganisationIds>> ReadOrganisationAsync(ZohoGrant grant, CancellationToken ct);

    /// <summary>Keeps the grant's first access token in the organisation's shared token cache, for every node.</summary>
    Task KeepAccessTokenAsync(string orgId, ZohoGrant grant, CancellationToken ct);

    /// <summary>
    /// Revokes a refresh token at its accounts server (its access tokens die with it); false when Zoho could not be
    /// told. Never throws: the callers go on whatever Zoho answered.
    /// </summary>
    Task<bool> RevokeAsync(Uri accountsServer, string refreshToken, CancellationToken ct);
}

/// <summary>
/// The OAuth <c>state</c>: binds a consent to the organisation and the admin who asked for it, and expires.
/// It travels through the browser, so it is protected (encrypted and signed), not merely encoded. It also carries
/// a nonce that the admin's browser keeps in a cookie: a state opened in another browser is worth nothing.
/// </summary>
public interface IOAuthState
{
    IssuedOAuthState Issue(string orgId, string userId);
    OAuthStateContent? Read(string state);
}

/// <summary>The state to send to Zoho, and the nonce the browser that asked must bring back to the callback.</summary>
public sealed record IssuedOAuthState(string State, string BrowserNonce)
{
    public override string ToString() => "OAuth state";
}

public sealed record OAuthStateContent(string OrgId, string UserId, string BrowserNonce)
{
    /// <summary>Whether the callback's browser is the one the state was issued to (compared in constant time).</summary>
    public bool IsBoundTo(string? browserNonce) =>
        browserNonce is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(browserNonce), System.Text.Encoding.UTF8.GetBytes(BrowserNonce));

    public override string ToString() => $"OAuth state of {OrgId}/{UserId}";
}

public static class ZohoErrors
{
    public static readonly Error NotConnected =
        Error.Unprocessable("zoho-not-connected", "An admin must connect Zoho CRM first.").OfWholeSide();

    public static readonly Error BadState =
        Error.Validation("invalid-state", "This Zoho sign-in link is not valid or has expired. Start again from NotesSync.");

    public static readonly Error UntrustedAccountsServer =
        Error.Validation("untrusted-accounts-server", "Zoho sent the sign-in back from a server that is not one of Zoho's.");

    public static readonly Error WrongOrganisation =
        Error.Unprocessable("zoho-wrong-organisation",
            "The Zoho account that accepted belongs to another Zoho organisation than this one. Nothing was connected: " +
            "an admin of this organisation's Zoho CRM must accept.");

    public static Error ConsentRefused(string error) =>
        Error.Unprocessable("zoho-consent-refused", $"Zoho did not grant access ({error}).");
}
