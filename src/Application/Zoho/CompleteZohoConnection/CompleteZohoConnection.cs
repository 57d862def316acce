using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Zoho.CompleteZohoConnection;

/// <summary>
/// Zoho sent the admin's browser back with a code. There is no widget token on this request: who is connecting
/// is read from the protected <c>state</c> NotesSync issued, and checked again against the account.
/// </summary>
public sealed record CompleteZohoConnection(string? Code, string? State, string? AccountsServer, string? Error)
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
        if (command.State is null || oauthState.Read(command.State) is not var (orgId, userId)) return ZohoErrors.BadState;
        if (command.Error is { Length: > 0 } refused) return ZohoErrors.ConsentRefused(refused);
        if (string.IsNullOrEmpty(command.Code)) return ZohoErrors.BadState;

        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(orgId), ct);
        if (account?.FindUser(userId) is not { IsAdmin: true })
            return Error.Forbidden("admin-only", "Only an admin of NotesSync can connect Zoho CRM.");

        var server = zoho.TrustedAccountsServer(command.AccountsServer);
        if (server.IsFailure) return server.Error!;
        var grant = await zoho.ExchangeCodeAsync(orgId, server.Value, command.Code, ct);
        if (grant.IsFailure) return grant.Error!;

        account.ConnectZoho(ZohoConnection.Create(
            secrets.Protect(SecretPurpose.ZohoRefreshToken, grant.Value.RefreshToken),
            grant.Value.AccountsServer.ToString(), grant.Value.ApiDomain.ToString(), userId, clock.GetUtcNow()));
        await accounts.SaveChangesAsync(ct);

        // The cross-reference fields make every later sync crash-safe; a failure here is not fatal, each run
        // prepares the CRM again before it writes.
        await crm.PrepareAsync(orgId, ct);
        return Result.Success();
    }
}
