using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Users.RemoveUser;

public sealed record RemoveUser(string UserId) : ICommand<Result>, IAdminRequest;

public sealed class RemoveUserHandler(IRepository<SyncAccount> accounts, Sync.ISyncScheduler scheduler, ICurrentUser me)
    : ICommandHandler<RemoveUser, Result>
{
    public async ValueTask<Result> Handle(RemoveUser command, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(me.OrgId), ct);
        var result = account!.RemoveUser(command.UserId);
        if (result.IsFailure) return result;
        await accounts.SaveChangesAsync(ct);
        scheduler.Schedule(me.OrgId, command.UserId, everyMinutes: null);
        return result;
    }
}
