using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Users.AddUser;

/// <summary>An admin gives a seat to a CRM user of the organisation.</summary>
public sealed record AddUser(string UserId) : ICommand<Result<UserView>>, IAdminRequest;

public sealed class AddUserHandler(
    IRepository<SyncAccount> accounts, ICrmUserDirectory crmUsers, ICurrentUser me, TimeProvider clock)
    : ICommandHandler<AddUser, Result<UserView>>
{
    public async ValueTask<Result<UserView>> Handle(AddUser command, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct);

        // The name and e-mail come from Zoho, not the caller: only a real user of this CRM can hold a seat.
        var crm = await crmUsers.ListUsersAsync(me.OrgId, ct);
        if (crm.IsFailure) return crm.Error!;
        var crmUser = crm.Value.FirstOrDefault(u => u.UserId == command.UserId);
        if (crmUser is null) return Error.NotFound("unknown-crm-user", "No active user of this CRM has this id.");

        var added = account!.AddUser(crmUser, clock.GetUtcNow());
        if (added.IsFailure) return added.Error!;

        await accounts.SaveChangesAsync(ct);
        return UserView.Of(added.Value);
    }
}
