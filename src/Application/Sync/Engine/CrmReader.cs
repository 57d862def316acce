using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;

namespace NotesSync.Application.Sync.Engine;

/// <summary>Reads the CRM side of a module: the records modified since the checkpoint, page by page, and the deleted list.</summary>
internal sealed class CrmReader(SyncModuleDefinition module, SyncContext ctx, LinkStore links)
{
    public async Task<Result> ReadChangesAsync(SideReads reads, DateTimeOffset? since, CancellationToken ct)
    {
        var from = since - Checkpoints.Overlap;
        var read = await ctx.Crm.ReadChangedAsync(ctx.OrgId, module.Module, from, (page, _) =>
        {
            foreach (var record in page)
            {
                if (reads.CrmNewest is null || record.ModifiedTime > reads.CrmNewest) reads.CrmNewest = record.ModifiedTime;
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

        if (links.Count == 0) return Result.Success();
        var deleted = await ctx.Crm.ReadDeletedAsync(ctx.OrgId, module.Module, from, ct);
        if (deleted.IsFailure) return deleted.Error!;
        reads.CrmDeleted.UnionWith(deleted.Value.Select(d => d.Id)
            .Where(id => links.ByCrmId(id) is not null && !reads.Crm.ContainsKey(id)));
        return Result.Success();
    }
}
