using NotesSync.Application.Crm;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Completes the pairs the changes started: a record changed on one side is decided with its counterpart as it is
/// now, so the side that did not change is read too, and only then; and what the CRM already holds for the Notes
/// items a run would create there.
/// </summary>
internal sealed class Counterparts(SyncModuleDefinition module, SyncContext ctx, LinkStore links, NotesReader notesReader)
{
    public async Task<Result> ReadAsync(SideReads reads, CancellationToken ct)
    {
        var adopted = await ReadUnlinkedCounterpartsAsync(reads, ct);
        if (adopted.IsFailure) return adopted;
        var linked = await ReadLinkedCounterpartsAsync(reads, ct);
        return linked.IsFailure ? linked : await ReadWhatCrmHoldsAsync(reads, ct);
    }

    /// <summary>
    /// A record that carries the other side's id but is not linked was written by a run that died before saving the
    /// link. Its counterpart may not have changed since the checkpoint, so it was not read: read it now, so that the
    /// pair is adopted with both sides known instead of copied a second time.
    /// </summary>
    private async Task<Result> ReadUnlinkedCounterpartsAsync(SideReads reads, CancellationToken ct)
    {
        var unidsToFind = reads.Notes.Values
            .Where(n => links.ByUnid(n.Unid) is null && n.CrmId is { } id && !reads.Crm.ContainsKey(id) && links.ByCrmId(id) is null)
            .Select(n => n.Unid).ToList();
        if (unidsToFind.Count > 0)
        {
            var found = await ctx.Crm.FindAsync(ctx.OrgId, module.Module, new CrmLookup(unidsToFind), ct);
            if (found.IsFailure) return found.Error!;
            foreach (var record in found.Value) Take(reads, record);
        }

        var unreadUnids = reads.Crm.Values.Select(c => c.Record.NotesUnid)
            .Where(unid => unid is { Length: > 0 } && !reads.Notes.ContainsKey(unid) && links.ByUnid(unid) is null && reads.NotesListed.Contains(unid))
            .Select(unid => unid!).Distinct(StringComparer.Ordinal).ToList();
        return await notesReader.ReadAsync(unreadUnids, (unid, document) =>
        {
            if (document is not null) reads.Notes[unid] = NotesSide.Read(document, module);
        }, ct);
    }

    /// <summary>
    /// A linked pair changed on one side only: the merge needs the other side's values, and a write to Notes needs
    /// the document's Last-Modified (not when the CRM record changed nothing the link knows: see
    /// <see cref="LinkVersions.CrmRecordAsLinked"/>). Notes documents are read one GET each, several at once; CRM
    /// records by their Notes UNID, 50 a query.
    /// </summary>
    private async Task<Result> ReadLinkedCounterpartsAsync(SideReads reads, CancellationToken ct)
    {
        // A deletion in the CRM is decided on the document as it is now (edited since the link, it is kept).
        var linkedUnids = links.All
            .Where(l => !reads.Notes.ContainsKey(l.NotesUnid) && !reads.NotesDeleted.Contains(l.NotesUnid)
                && (reads.Crm.TryGetValue(l.CrmId, out var c) ? !LinkVersions.CrmRecordAsLinked(l, c) : reads.CrmDeleted.Contains(l.CrmId)))
            .Select(l => l.NotesUnid).ToList();
        var read = await notesReader.ReadAsync(linkedUnids, (unid, document) =>
        {
            if (document is not null) reads.Notes[unid] = NotesSide.Read(document, module);
            else reads.NotesDeleted.Add(unid);
        }, ct);
        if (read.IsFailure) return read;

        // And one in Notes on the record as it is now.
        var missing = links.All
            .Where(l => (reads.Notes.ContainsKey(l.NotesUnid) || reads.NotesDeleted.Contains(l.NotesUnid))
                && !reads.Crm.ContainsKey(l.CrmId) && !reads.CrmDeleted.Contains(l.CrmId) && !reads.Colleagues.Owns(l.CrmId))
            .Select(l => l.NotesUnid).ToList();
        if (missing.Count == 0) return Result.Success();
        var found = await ctx.Crm.FindAsync(ctx.OrgId, module.Module, new CrmLookup(missing), ct);
        if (found.IsFailure) return found.Error!;
        foreach (var record in found.Value.Where(r => links.ByCrmId(r.Id) is not null)) Take(reads, record);
        return Result.Success();
    }

    /// <summary>
    /// Before anything is created in the CRM on a run that did not read it whole: what the CRM already holds for the
    /// Notes items that would be, found by their UNIDs and their identity values (a contact's e-mail), whoever owns
    /// it. The user's own records are then matched as on a first sync (no duplicate); a colleague's keeps the item
    /// from being created, or upserted over it. One query per 50 items, and none on a run that creates nothing.
    /// </summary>
    private async Task<Result> ReadWhatCrmHoldsAsync(SideReads reads, CancellationToken ct)
    {
        if (reads.CrmReadWhole || !ctx.Settings.Direction.Writes(SyncSide.Crm)) return Result.Success();
        var carried = reads.Crm.Values.Select(c => c.Record.NotesUnid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var toCreate = reads.Notes.Values
            .Where(n => !n.IsPrivate && links.ByUnid(n.Unid) is null && !carried.Contains(n.Unid)
                && !(n.CrmId is { } crmId && reads.Crm.ContainsKey(crmId)))
            .ToList();
        if (toCreate.Count == 0) return Result.Success();

        var identities = toCreate.Select(n => module.IdentityOf(n.Values)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
        var found = await ctx.Crm.FindAsync(ctx.OrgId, module.Module,
            new CrmLookup([.. toCreate.Select(n => n.Unid)], module.IdentityField, [.. identities]), ct);
        if (found.IsFailure) return found.Error!;
        foreach (var record in found.Value.Where(r => links.ByCrmId(r.Id) is null)) Take(reads, record);
        return Result.Success();
    }

    /// <summary>A record found by a lookup: the user's own is read as changed; a colleague's is only noted as theirs.</summary>
    private void Take(SideReads reads, CrmRecord record)
    {
        if (ColleagueRecords.IsOwnedBy(record, ctx.UserId)) reads.Crm.TryAdd(record.Id, CrmSide.Read(record, module));
        else reads.Colleagues.Add(record);
    }
}
