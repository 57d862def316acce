using NotesSync.Application.Common;
using NotesSync.Application.Notes;
using NotesSync.Application.Zoho;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Common;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync;

/// <summary>Queues a user's run, whether they pressed "Start sync" or their schedule fired.</summary>
public sealed class SyncRunStarter(
    IRepository<SyncRun> runs, IReadRepository<SyncProfile> profiles, IReadRepository<SyncAccount> accounts,
    ISyncJobQueue jobs, TimeProvider clock, AbandonedRunGrace grace)
{
    public static readonly Error AlreadyRunning = Error.Conflict("sync-running", "A sync of yours is already queued or running.");

    /// <param name="preview">A preview: decides everything and writes nothing (its plan is kept).</param>
    /// <param name="applies">The preview a real run applies: it decides afresh and counts what differs.</param>
    public async Task<Result<Guid>> StartAsync(
        string orgId, string userId, RunTrigger trigger, CancellationToken ct, bool preview = false, Guid? applies = null)
    {
        if ((await profiles.FirstOrDefaultAsync(new ProfileOfUser(orgId, userId), ct))?.Notes is null)
            return NotesErrors.NotConnected;
        if ((await accounts.FirstOrDefaultAsync(new AccountByOrg(orgId), ct))?.Zoho is null)
            return ZohoErrors.NotConnected;

        await RunSweeper.EndAbandonedAsync(runs, orgId, userId, clock.GetUtcNow(), grace, jobs.RunsAreWaiting(), ct);

        var run = SyncRun.Queue(orgId, userId, trigger, clock.GetUtcNow(), preview, applies);
        try
        {
            await runs.AddAsync(run, ct);
        }
        catch (PersistenceConflictException)
        {
            // The unique index on the active key said no: another run of this user is queued or running, on any node.
            return AlreadyRunning;
        }

        try
        {
            jobs.Enqueue(run.Id);
        }
        catch
        {
            // The job store refused (its database out of connections, say): a queued run without a job would hold the
            // user's one active run until the sweep gave up on it, and every retry would meet sync-running. It ends
            // here, unrun, and the caller learns why (503 when the store says it is transient).
            run.Fail("not-queued", "The sync could not be queued and did not run; start it again.", clock.GetUtcNow());
            await runs.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        return run.Id;
    }
}
