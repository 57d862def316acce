using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.GetSyncRun;

/// <summary>One of the caller's runs, with its conflicts and failures. Another user's or organisation's run is not found.</summary>
public sealed record GetSyncRun(Guid RunId) : IQuery<Result<RunView>>, ILicensedRequest;

public sealed class GetSyncRunHandler(IReadRepository<SyncRun> runs, ICurrentUser me) : IQueryHandler<GetSyncRun, Result<RunView>>
{
    public async ValueTask<Result<RunView>> Handle(GetSyncRun query, CancellationToken ct)
    {
        var run = await runs.FirstOrDefaultAsync(new RunOfUser(me.OrgId, me.UserId, query.RunId), ct);
        return run is null ? Error.NotFound("run-not-found", "No run of yours has this id.") : RunView.Of(run, withRecords: true);
    }
}
