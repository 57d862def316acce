using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Completes the pairs the changes started: a record changed on one side is decided with its counterpart as it is
/// now, so the side that did not change is read too, and only then.
/// </summary>
internal sealed class Counterparts(SyncModuleDefinition module, SyncContext ctx, LinkStore links, NotesReader notesReader)
{
    public async Task<Result> ReadAsync(SideReads reads, CancellationToken ct)
    {
        var adopted = await ReadUnlinkedCounterpartsAsync(reads, ct);
        return adopted.IsFailure ? adopted : await ReadLinkedCounterpartsAsync(reads, ct);
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
            var found = await ctx.Crm.FindByNotesUnidAsync(ctx.OrgId, module.Module, unidsToFind, ct);
            if (found.IsFailure) return found.Error!;
            foreach (var record in found.Value) reads.Crm.TryAdd(record.Id, CrmSide.Read(record, module));
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
                && !reads.Crm.ContainsKey(l.CrmId) && !reads.CrmDeleted.Contains(l.CrmId))
            .Select(l => l.NotesUnid).ToList();
        if (missing.Count == 0) return Result.Success();
        var found = await ctx.Crm.FindByNotesUnidAsync(ctx.OrgId, module.Module, missing, ct);
        if (found.IsFailure) return found.Error!;
        foreach (var record in found.Value.Where(r => links.ByCrmId(r.Id) is not null))
            reads.Crm.TryAdd(record.Id, CrmSide.Read(record, module));
        return Result.Success();
    }
}
