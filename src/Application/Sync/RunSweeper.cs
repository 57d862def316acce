using NotesSync.Application.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync;

/// <summary>
/// A run whose process died must not block its user: a running run whose heartbeat is older than the grace, or a
/// queued run no worker picked up in that time (its job was lost with an in-memory queue), ends "interrupted".
/// The next run resumes from the checkpoints and adopts what the dead one wrote.
/// </summary>
public static class RunSweeper
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public static async Task<int> EndAbandonedAsync(IRepository<SyncRun> runs, string orgId, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var active = await runs.ListAsync(new ActiveRunsOfUser(orgId, userId), ct);
        var abandoned = active.Where(r => r.IsAbandoned(now, Grace) || (r.Status == RunStatus.Queued && r.QueuedAt + Grace < now)).ToList();
        if (abandoned.Count == 0) return 0;
        abandoned.ForEach(r => r.MarkInterrupted(now));
        try
        {
            await runs.SaveChangesAsync(ct);
            return abandoned.Count;
        }
        catch (PersistenceConflictException)
        {
            // The run beat its heartbeat (or another node swept it) while we looked: it is not abandoned after all.
            return 0;
        }
    }
}
