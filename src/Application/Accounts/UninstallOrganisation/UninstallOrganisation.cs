using Mediator;
using NotesSync.Application.Common;

namespace NotesSync.Application.Accounts.UninstallOrganisation;

/// <summary>The extension was uninstalled: every byte the organisation left with us goes. It cannot be undone.</summary>
public sealed record UninstallOrganisation(string OrgId) : ICommand;

public sealed class UninstallOrganisationHandler(IOrganisationPurge purge) : ICommandHandler<UninstallOrganisation>
{
    public async ValueTask<Unit> Handle(UninstallOrganisation command, CancellationToken ct)
    {
        await purge.PurgeAsync(command.OrgId, ct);
        return Unit.Value;
    }
}
