using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.ApplyPreview;

/// <summary>
/// "Apply this preview": a real run, which reads and decides afresh (the data may have moved since) and says how many of
/// its actions differ from the preview's.
/// </summary>
public sealed record ApplyPreview(Guid RunId) : ICommand<Result<Guid>>, ILicensedRequest;

public sealed class ApplyPreviewHandler(IReadRepository<SyncRun> runs, SyncRunStarter starter, ICurrentUser me)
    : ICommandHandler<ApplyPreview, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(ApplyPreview command, CancellationToken ct)
    {
        var preview = await runs.FirstOrDefaultAsync(new RunOfUser(me.OrgId, me.UserId, command.RunId), ct);
        if (preview is null) return Error.NotFound("run-not-found", "No run of yours has this id.");
        if (preview.Status != RunStatus.Previewed)
            return Error.Conflict("not-a-preview", "Only a finished preview can be applied.");
        return await starter.StartAsync(me.OrgId, me.UserId, RunTrigger.Manual, ct, applies: preview.Id);
    }
}
