using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Zoho.CompleteZohoConnection;

/// <summary>
/// Zoho sent the admin's browser back with a code. There is no widget token on this request: who is connecting
/// is read from the protected <c>state</c> NotesSync issued, which must come back in the browser it was issued to
/// (<paramref name="BrowserNonce"/>, from that browser's cookie), and is checked again against the account.
/// </summary>
public sealed record CompleteZohoConnection(string? Code, string? State, string? AccountsServer, string? Error, string? BrowserNonce)
    : ICommand<Result>
{
    public override string ToString() => $"CompleteZohoConnection {{ AccountsServer = {AccountsServer}, Error = {Error} }}";
}

public sealed class CompleteZohoConnectionHandler(
    IRepository<SyncAccount> accounts, IZohoAuthorization zoho, IOAuthState oauthState, ISecretProtector secrets,
    Crm.ICrmRecords crm, TimeProvider clock)
    : ICommandHandler<CompleteZohoConnection, Result>
{
    public async ValueTask<Result> Handle(CompleteZohoConnection command, CancellationToken ct)
    {
        if (command.State is null || oauthState.Read(command.State) is not { } state) return ZohoErrors.BadState;
        // A state opened in a browser other than the admin's (a forwarded consent link) is not theirs to complete.
        if (!state.IsBoundTo(command.BrowserNonce)) return ZohoErrors.BadState;
        if (command.Error is { Length: > 0 } refused) return ZohoErrors.ConsentRefused(refused);
        if (string.IsNullOrEmpty(command.Code)) return ZohoErrors.BadState;

        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(state.OrgId), ct);
        if (account?.FindUser(state.UserId) is not { IsAdmin: true })
            return Error.Forbidden("admin-only", "Only an admin of NotesSync can connect Zoho CRM.");

        var server = zoho.TrustedAccountsServer(command.AccountsServer);
        if (server.IsFailure) return server.Error!;
        var grant = await zoho.ExchangeCodeAsync(server.Value, command.Code, ct);
        if (grant.IsFailure) return grant.Error!;

        // Anyone in any Zoho organisation can accept a consent link: the grant is kept only if it opens the CRM of
        // the organisation that asked. Otherwise it is revoked at once and the organisation stays as it was.
        var owner = await zoho.ReadOrganisationAsync(grant.Value, ct);
        if (owner.IsFailure || !owner.Value.Names(state.OrgId))
        {
            await zoho.RevokeAsync(grant.Value.AccountsServer, grant.Value.RefreshToken, CancellationToken.None);
            return owner.IsFailure ? owner.Error! : ZohoErrors.WrongOrganisation;
        }

        account.ConnectZoho(ZohoConnection.Create(
            secrets.Protect(SecretPurpose.ZohoRefreshToken, SecretOwner.Organisation(state.OrgId), grant.Value.RefreshToken),
            grant.Value.AccountsServer.ToString(), grant.Value.ApiDomain.ToString(), state.UserId, clock.GetUtcNow()));
        await accounts.SaveChangesAsync(ct);
        await zoho.KeepAccessTokenAsync(state.OrgId, grant.Value, ct);

        // The cross-reference fields make every later sync crash-safe; a failure here is not fatal, each run
        // prepares the CRM again before it writes.
        await crm.PrepareAsync(state.OrgId, ct);
        return Result.Success();
    }
}
