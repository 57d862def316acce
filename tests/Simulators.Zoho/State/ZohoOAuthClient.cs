namespace NotesSync.Simulators.Zoho;

/// <summary>
/// A server-based OAuth client registered with the accounts server. Zoho clients are not bound to one org (any
/// user of any org may consent); <see cref="HomeOrgId"/> only picks who the auto-approving authorize page signs in
/// as when no sign-in was set.
/// </summary>
public sealed class ZohoOAuthClient
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required Uri RedirectUri { get; init; }

    public string? HomeOrgId { get; init; }
}
