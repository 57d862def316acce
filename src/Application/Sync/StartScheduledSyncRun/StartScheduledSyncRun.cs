using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.StartScheduledSyncRun;

/// <summary>
/// A user's automatic sync fired (a recurring job): there is no widget token, so the user is named, and must still
/// hold a seat. A run already going is not an error here: the schedule simply skips this turn.
/// </summary>
public sealed record StartScheduledSyncRun(string OrgId, string UserId) : ICommand<Result>;

public sealed class StartScheduledSyncRunHandler(SyncRunStarter starter, IReadRepository<SyncAccount> accounts)
    : ICommandHandler<StartScheduledSyncRun, Result>
{
    public async ValueTask<Result> Handle(StartScheduledSyncRun command, CancellationToken ct)
    {
        var account = await accounts.FirstOrDefaultAsync(new AccountByOrg(command.OrgId), ct);
        if (account?.FindUser(command.UserId) is null)
            return Error.Forbidden("not-licensed", "This user no longer holds a seat.");

        var started = await starter.StartAsync(command.OrgId, command.UserId, RunTrigger.Scheduled, ct);
        return started.IsSuccess || started.Error == SyncRunStarter.AlreadyRunning ? Result.Success() : started.Error!;
    }
}
