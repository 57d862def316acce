using NotesSync.Domain.Common;

namespace NotesSync.Domain.Accounts;

/// <summary>
/// The organisation's OAuth grant to Zoho CRM: the refresh token (ciphertext), and the data centre that issued it,
/// which every later call must use.
/// </summary>
public sealed record ZohoConnection
{
    private ZohoConnection() { }

    public string ProtectedRefreshToken { get; private init; } = "";
    public string AccountsServer { get; private init; } = "";
    public string ApiDomain { get; private init; } = "";
    public string ConnectedBy { get; private init; } = "";
    public DateTimeOffset ConnectedAt { get; private init; }

    public static ZohoConnection Create(
        string protectedRefreshToken, string accountsServer, string apiDomain, string connectedBy, DateTimeOffset at) => new()
    {
        ProtectedRefreshToken = Guard.NotBlank(protectedRefreshToken, nameof(protectedRefreshToken), 4000),
        AccountsServer = Guard.NotBlank(accountsServer, nameof(accountsServer), 200),
        ApiDomain = Guard.NotBlank(apiDomain, nameof(apiDomain), 200),
        ConnectedBy = Guard.NotBlank(connectedBy, nameof(connectedBy), 64),
        ConnectedAt = at,
    };
}
