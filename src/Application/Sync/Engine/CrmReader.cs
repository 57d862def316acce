using NotesSync.Application.Crm;
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
        var listing = new ListingWatch();
        var read = await ctx.Crm.ReadChangedAsync(ctx.OrgId, module.Module, from, (page, _) =>
        {
            listing.Page(page);
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
        reads.CrmPassedOverFrom = listing.PassedOverFrom;

        if (links.Count == 0) return Result.Success();
        var deleted = await ctx.Crm.ReadDeletedAsync(ctx.OrgId, module.Module, from, ct);
        if (deleted.IsFailure) return deleted.Error!;
        reads.CrmDeleted.UnionWith(deleted.Value.Select(d => d.Id)
            .Where(id => links.ByCrmId(id) is not null && !reads.Crm.ContainsKey(id)));
        return Result.Success();
    }

    /// <summary>
    /// The list is paged by offset in Modified_Time order: a record of a page already read that someone changes
    /// meanwhile moves to the end of the list, every record after its old place moves up one, and the record that
    /// moves up across the page boundary is never listed by this read (found by the two-node test, many syncs of one
    /// organisation writing while each reads). The changed record shows: it is listed a second time, later. The
    /// records passed over were then further down than the page it was first listed on, so none is older than that
    /// page's newest record, and the checkpoint goes no further (the next run lists them). A record deleted during
    /// the read shifts the list the same way without showing: that case is not caught.
    /// </summary>
    private sealed class ListingWatch
    {
        private readonly Dictionary<string, int> _firstListedOn = new(StringComparer.Ordinal);
        private readonly List<DateTimeOffset> _pageNewest = [];

        public DateTimeOffset? PassedOverFrom { get; private set; }

        public void Page(IReadOnlyList<CrmRecord> page)
        {
            var number = _pageNewest.Count;
            _pageNewest.Add(page.Max(r => r.ModifiedTime));
            foreach (var record in page)
            {
                if (_firstListedOn.TryAdd(record.Id, number)) continue;
                var bound = _pageNewest[_firstListedOn[record.Id]];
                if (PassedOverFrom is null || bound < PassedOverFrom) PassedOverFrom = bound;
            }
        }
    }
}
