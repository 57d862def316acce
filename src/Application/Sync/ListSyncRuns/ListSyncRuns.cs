using Mediator;
using NotesSync.Application.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.ListSyncRuns;

/// <summary>The caller's run history, newest first, without the per-record lists.</summary>
public sealed record ListSyncRuns(int Limit = 20) : IQuery<IReadOnlyList<RunView>>, ILicensedRequest;

public sealed class ListSyncRunsHandler(IReadRepository<SyncRun> runs, ICurrentUser me)
    : IQueryHandler<ListSyncRuns, IReadOnlyList<RunView>>
{
    public async ValueTask<IReadOnlyList<RunView>> Handle(ListSyncRuns query, CancellationToken ct)
    {
        var limit = Math.Clamp(query.Limit, 1, 100);
        return [.. (await runs.ListAsync(new LatestRunsOfUser(me.OrgId, me.UserId, limit), ct)).Select(r => RunView.Of(r, withRecords: false))];
    }
}
