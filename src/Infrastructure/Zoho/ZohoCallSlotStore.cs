using Microsoft.EntityFrameworkCore;
using NotesSync.Infrastructure.Persistence;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// An organisation's Zoho call slots in the database (see <see cref="ZohoCallSlot"/>). Each change is one statement
/// that the database applies to one row at a time, so two nodes can never take the same free slot: the second one's
/// update finds the row held and changes nothing.
/// </summary>
internal sealed class ZohoCallSlotStore(NotesSyncDbContext db)
{
    /// <summary>Takes one free slot of the first <paramref name="limit"/> for <paramref name="holder"/>; false when none is free.</summary>
    public async Task<bool> TryTakeAsync(string orgId, int limit, string holder, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        // Each caller starts looking at a slot of its own, so that callers of several nodes rarely go for the same row.
        var start = Random.Shared.Next(limit);
        var free = db.ZohoCallSlots
            .Where(s => s.OrgId == orgId && s.Slot < limit && s.HeldUntil <= now)
            .OrderBy(s => (s.Slot + start) % limit)
            .Select(s => s.Slot)
            .Take(1);
        var until = now + lease;
        var taken = await db.ZohoCallSlots
            .Where(s => s.OrgId == orgId && s.HeldUntil <= now && free.Contains(s.Slot))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Holder, holder).SetProperty(s => s.HeldUntil, until), ct);
        return taken == 1;
    }

    /// <summary>
    /// Adds the organisation's slots that do not exist yet (its first call, or a limit raised); true when it added
    /// some. Another node adding them at the same moment is no failure: the slots exist either way.
    /// </summary>
    public async Task<bool> AddMissingAsync(string orgId, int limit, CancellationToken ct)
    {
        var present = await db.ZohoCallSlots.Where(s => s.OrgId == orgId && s.Slot < limit).Select(s => s.Slot).ToListAsync(ct);
        var missing = Enumerable.Range(0, limit).Except(present).ToList();
        if (missing.Count == 0) return false;
        db.ZohoCallSlots.AddRange(missing.Select(slot => new ZohoCallSlot(orgId, slot)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>Extends the lease of the slot <paramref name="holder"/> holds (a call that takes long).</summary>
    public Task<int> RenewAsync(string orgId, string holder, DateTimeOffset until, CancellationToken ct) =>
        db.ZohoCallSlots.Where(s => s.OrgId == orgId && s.Holder == holder)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.HeldUntil, until), ct);

    public Task<int> ReleaseAsync(string orgId, string holder, CancellationToken ct) =>
        db.ZohoCallSlots.Where(s => s.OrgId == orgId && s.Holder == holder)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Holder, (string?)null).SetProperty(s => s.HeldUntil, DateTimeOffset.UnixEpoch), ct);
}
