using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotesSync.Application.Sync;
using NotesSync.Domain.Accounts;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>
/// A run's links, untracked between saves: each save attaches only its batch (with the version each link has in the
/// database, so a concurrent change is still caught), saves it with whatever else the run's unit of work holds
/// (its report, its checkpoints), and detaches it again. The change tracker never holds more than one batch of
/// links, so a save costs what its batch holds, however many links the run has loaded or written.
/// </summary>
internal sealed class RecordLinkStore(NotesSyncDbContext db) : IRecordLinkStore
{
    public async Task<IReadOnlyList<RecordLink>> LoadAsync(string orgId, string userId, SyncModule module, CancellationToken ct) =>
        await db.RecordLinks.AsNoTracking()
            .Where(l => l.OrgId == orgId && l.UserId == userId && l.Module == module)
            .ToListAsync(ct);

    public async Task SaveAsync(LinkBatch batch, CancellationToken ct)
    {
        var attached = new List<RecordLink>();
        try
        {
            // A link replaced by one that shares an id with it is gone before its successor is inserted, so the
            // unique indexes on each side's id never see both.
            if (batch.Removed.Count > 0 && batch.Added.Count > 0)
            {
                foreach (var removed in batch.Removed) attached.Add(Attach(removed, EntityState.Deleted));
                await Saves.SaveChangesAsync(db, ct);
                batch = batch with { Removed = [] };
            }

            foreach (var added in batch.Added)
            {
                db.RecordLinks.Add(added);
                attached.Add(added);
            }

            foreach (var changed in batch.Changed) attached.Add(Attach(changed, EntityState.Modified));
            foreach (var removed in batch.Removed) attached.Add(Attach(removed, EntityState.Deleted));
            await Saves.SaveChangesAsync(db, ct);
        }
        finally
        {
            foreach (var link in attached) db.Entry(link).State = EntityState.Detached;
        }
    }

    private RecordLink Attach(StoredLink stored, EntityState state)
    {
        var entry = db.RecordLinks.Attach(stored.Link);
        entry.State = state;
        entry.Property(l => l.Version).OriginalValue = stored.StoredVersion;
        return stored.Link;
    }
}

/// <summary>
/// Writes a running run's heartbeat on a connection of its own (a new scope's context): the run's own unit of work
/// is busy on another flow and is not thread-safe. Only the heartbeat column changes, and not the run's version, so
/// the run's own saves never conflict with it; a run no longer running is not touched, and the caller learns it.
/// </summary>
internal sealed class RunHeartbeat(IServiceScopeFactory scopes) : IRunHeartbeat
{
    public async Task<bool> BeatAsync(Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        var beaten = await db.SyncRuns
            .Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HeartbeatAt, now), ct);
        return beaten == 1;
    }

    public async Task MarkUserSyncedAsync(string orgId, string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesSyncDbContext>();
        var marked = await db.Set<LicensedUser>()
            .Where(u => u.OrgId == orgId && u.UserId == userId && !u.HasSynced)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.HasSynced, true), ct);
        if (marked == 0) return;
        await db.Set<SyncAccount>()
            .Where(a => a.OrgId == orgId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Version, a => a.Version + 1), ct);
    }
}
