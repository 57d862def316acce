using Ardalis.Specification;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync;

public sealed class RunOfUser : SingleResultSpecification<SyncRun>
{
    public RunOfUser(string orgId, string userId, Guid runId) =>
        Query.Where(r => r.Id == runId && r.OrgId == orgId && r.UserId == userId);
}

public sealed class ActiveRunsOfUser : Specification<SyncRun>
{
    public ActiveRunsOfUser(string orgId, string userId) =>
        Query.Where(r => r.OrgId == orgId && r.UserId == userId && r.ActiveUserKey != null);
}

public sealed class LatestRunsOfUser : Specification<SyncRun>
{
    public LatestRunsOfUser(string orgId, string userId, int limit) =>
        Query.Where(r => r.OrgId == orgId && r.UserId == userId).OrderByDescending(r => r.QueuedAt).Take(limit).AsNoTracking();
}

public sealed class ActiveRuns : Specification<SyncRun>
{
    public ActiveRuns() => Query.Where(r => r.ActiveUserKey != null);
}
