using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Reads the CRM side of a module: the records modified since the checkpoint, page by page, and the deleted list.
/// A user syncs the records they own (<c>Owner</c>). The organisation's changed records are read and the others set
/// aside, rather than asking the CRM for the user's records alone (a COQL query on <c>Owner</c>): the list is the only
/// read that shows a record handed to a colleague (it changed, and its owner is no longer the user), which must leave
/// the user's records, and on a first sync it shows every colleague's e-mail at no extra call, so that no contact is
/// created twice. Its cost is the organisation's changes since the checkpoint, where COQL's would be the user's; a
/// first sync of one user reads the whole module once (zoho.md: 200 records a call).
/// </summary>
internal sealed class CrmReader(SyncModuleDefinition module, SyncContext ctx, LinkStore links)
{
    public async Task<Result> ReadChangesAsync(SideReads reads, CrmPosition? since, CancellationToken ct)
    {
        var from = since?.ReadFrom;
        reads.CrmReadWhole = from is null;
        var readStart = ctx.Clock.GetUtcNow();
        var pages = 0;
        DateTimeOffset? firstPageNewest = null;
        var read = await ctx.Crm.ReadChangedAsync(ctx.OrgId, module.Module, from, (page, _) =>
        {
            if (++pages == 1) firstPageNewest = page.Max(r => r.ModifiedTime);
            foreach (var record in page)
            {
                if (reads.CrmNewest is null || record.ModifiedTime > reads.CrmNewest) reads.CrmNewest = record.ModifiedTime;
                if (!ColleagueRecords.IsOwnedBy(record, ctx.UserId))
                {
                    reads.Colleagues.Add(record);
                    continue;
                }

                // Our own writes of the last run come back as changes: the link already holds what they wrote. Zoho's
                // times have whole seconds, so a user's edit in the same second as our write carries the same time:
                // only a record that still holds what the link knows is taken for ours.
                var side = CrmSide.Read(record, module);
                if (links.ByCrmId(record.Id) is { } link && record.ModifiedTime <= link.CrmModifiedAt && LinkVersions.CrmRecordAsLinked(link, side))
                    continue;
                reads.Crm[record.Id] = side;
            }

            return Task.CompletedTask;
        }, ct);
        if (read.IsFailure) return read;
        reads.CrmListedThrough = Checkpoints.CrmListedThrough(read.Value.FirstAnswerDate, readStart);
        // The list is paged by offset in Modified_Time order: a record of a page already read that someone changes
        // meanwhile moves to the end, every record after it moves up one place, and the first record of the next page
        // is never listed. Such a change shows as a record newer than the read's start; then the records possibly
        // passed over are all at or after the first page's newest (they were further down the list when it was
        // read), and the next run reads again from there (found by the two-node test, with many syncs of one
        // organisation writing while each reads).
        if (pages > 1 && reads.CrmNewest >= Checkpoints.CrmReadBegan(read.Value.FirstAnswerDate, readStart))
            reads.CrmPassedOverFrom = firstPageNewest;

        if (links.Count == 0) return Result.Success();
        var deleted = await ctx.Crm.ReadDeletedAsync(ctx.OrgId, module.Module, from, ct);
        if (deleted.IsFailure) return deleted.Error!;
        reads.CrmDeleted.UnionWith(deleted.Value.Select(d => d.Id)
            .Where(id => links.ByCrmId(id) is not null && !reads.Crm.ContainsKey(id)));
        return Result.Success();
    }
}
