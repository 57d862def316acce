using NotesSync.Application.Common;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync;

/// <summary>
/// A run whose process died must not block its user: a running run whose heartbeat is older than the
/// <see cref="AbandonedRunGrace"/>, or a queued run no worker picked up in <see cref="QueuedGrace"/> (its job was lost
/// with an in-memory queue), ends "interrupted". The next run resumes from the checkpoints and adopts what the dead one
/// wrote. With the sweep every minute and the default grace, a killed process's run is ended within two minutes.
/// </summary>
public static class RunSweeper
{

    /// <summary>
    /// A queued run waits for a free worker, which may take minutes on a busy node: only a lost job waits longer. A run
    /// deferred for fairness (<see cref="IOrganisationSyncSlots"/>) counts from its last deferral, so it may wait longer;
    /// and while runs wait in the queue (<see cref="ISyncJobQueue.RunsAreWaiting"/>) none is taken for lost: a long queue
    /// on busy nodes is slow, not lost. A job lost with an in-memory queue is then swept once the queue has drained.
    /// </summary>
    public static readonly TimeSpan QueuedGrace = TimeSpan.FromMinutes(5);

    public static async Task<int> EndAbandonedAsync(
        IRepository<SyncRun> runs, string orgId, string userId, DateTimeOffset now, AbandonedRunGrace grace, bool runsAreWaiting,
        CancellationToken ct)
    {
        var active = await runs.ListAsync(new ActiveRunsOfUser(orgId, userId), ct);
        var abandoned = active.Where(r => r.IsAbandoned(now, grace.Running) || (!runsAreWaiting && r.IsLostInQueue(now, QueuedGrace))).ToList();
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

/// <summary>
/// How long a running run's heartbeat may be silent before the run counts as abandoned: four missed heartbeats, so the
/// heartbeat is written every quarter of it (<see cref="HeartbeatEvery"/>) and a run is only ever ended when its process
/// is gone, not slow. Configuration <c>Sync:AbandonedRunGrace</c> (a minute by default; the two-node test shortens it so
/// that a killed node's runs are ended within seconds).
/// </summary>
public sealed record AbandonedRunGrace(TimeSpan Running)
{
    public static readonly AbandonedRunGrace Default = new(TimeSpan.FromMinutes(1));

    public TimeSpan HeartbeatEvery => Running / 4;
}
