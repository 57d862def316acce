using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.StartSyncRun;

/// <summary>
/// "Start sync" (or "Preview": a run that writes nothing), or the user's automatic schedule: queues a run, one per user
/// at a time.
/// </summary>
public sealed record StartSyncRun(RunTrigger Trigger = RunTrigger.Manual, bool Preview = false) : ICommand<Result<Guid>>, ILicensedRequest;

public sealed class StartSyncRunHandler(SyncRunStarter starter, ICurrentUser me) : ICommandHandler<StartSyncRun, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(StartSyncRun command, CancellationToken ct) =>
        await starter.StartAsync(me.OrgId, me.UserId, command.Trigger, ct, command.Preview);
}
