using Mediator;
using NotesSync.Application.Common;
using NotesSync.Application.Sync;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Accounts.UninstallOrganisation;

/// <summary>
/// The extension was uninstalled: every byte the organisation left with us goes, and nothing of it stays alive —
/// not its automatic syncs, not its queued or running ones, not its Zoho grant. It cannot be undone.
/// </summary>
public sealed record UninstallOrganisation(string OrgId) : ICommand;

public sealed class UninstallOrganisationHandler(
    IOrganisationPurge purge, IReadRepository<SyncAccount> accounts, ISyncScheduler scheduler, IZohoAuthorization zoho,
    ISecretProtector secrets)
    : ICommandHandler<UninstallOrganisation>
{
    public async ValueTask<Unit> Handle(UninstallOrganisation command, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct);

        // Automatic syncs live in the job store, not in our tables: they go first, so none fires on a purged org.
        if (account is not null) scheduler.UnscheduleOrganisation(command.OrgId, account.Users.Select(u => u.UserId));

        // Deleting the rows also ends every sync of the organisation: a queued run whose row is gone never starts,
        // a running one finds its heartbeat refused before its next write batch and stops, and the shared access
        // token row goes, so no node uses its copy in memory again (ZohoTokenProvider checks the row's version).
        await purge.PurgeAsync(command.OrgId, ct);

        // Last, once nothing of ours can use it: the grant itself, so that Zoho honours none of its tokens. Zoho being
        // unreachable does not keep the organisation's data here; the failure is logged.
        if (account?.Zoho is { } connection)
            await zoho.RevokeAsync(new Uri(connection.AccountsServer),
                secrets.Unprotect(SecretPurpose.ZohoRefreshToken, SecretOwner.Organisation(command.OrgId), connection.ProtectedRefreshToken), CancellationToken.None);
        return Unit.Value;
    }
}
