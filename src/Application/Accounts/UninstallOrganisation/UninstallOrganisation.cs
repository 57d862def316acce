using Mediator;
using NotesSync.Application.Common;
using NotesSync.Application.Sync;
using NotesSync.Domain.Accounts;

namespace NotesSync.Application.Accounts.UninstallOrganisation;

/// <summary>The extension was uninstalled: every byte the organisation left with us goes. It cannot be undone.</summary>
public sealed record UninstallOrganisation(string OrgId) : ICommand;

public sealed class UninstallOrganisationHandler(
    IOrganisationPurge purge, IReadRepository<SyncAccount> accounts, ISyncScheduler scheduler)
    : ICommandHandler<UninstallOrganisation>
{
    public async ValueTask<Unit> Handle(UninstallOrganisation command, CancellationToken ct)
    {
        // Automatic syncs live in the job store, not in our tables: they go first, so none fires on a purged org.
        if (await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct) is { } account)
            scheduler.UnscheduleOrganisation(command.OrgId, account.Users.Select(u => u.UserId));
        await purge.PurgeAsync(command.OrgId, ct);
        return Unit.Value;
    }
}
