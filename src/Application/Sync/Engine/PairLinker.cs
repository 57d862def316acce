using NotesSync.Domain.Links;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// What a pair's link becomes once its writes are done: linked (or re-linked) with the values both sides now hold
/// and the versions that hold them, forgotten, or told of newer versions of the same values. Collects the CRM
/// records that still need their cross-reference (the Notes UNID) written.
/// </summary>
internal sealed class PairLinker(LinkStore links, TimeProvider clock, DateTimeOffset runStart, DateTimeOffset notesUnambiguousBefore)
{
    /// <summary>CRM records linked without their cross-reference: copied into Notes, or matched on a first sync.</summary>
    public List<(string Unid, string CrmId)> UnstampedCrmRecords { get; } = [];

    /// <summary>
    /// Links the pair as synced. <paramref name="notesWrittenAt"/>: Domino's time when it answered the write of the
    /// document this link's version comes from (null when the version was read, or not touched).
    /// </summary>
    public void Linked(
        Pair pair, string unid, string crmId, SyncedVersion synced, DateTimeOffset? crmModified,
        bool crmCarriesUnid = false, DateTimeOffset? notesWrittenAt = null)
    {
        var now = clock.GetUtcNow();
        var link = pair.Link;
        if (link is not null && (link.NotesUnid != unid || link.CrmId != crmId))
        {
            // Re-created on a side that had deleted it: the old pair is replaced by the new one.
            links.Remove(link);
            link = null;
        }

        if (link is not null)
        {
            // A document neither read nor written is still at the version the link holds, as the link knows it.
            var untouched = pair.Notes is null && notesWrittenAt is null;
            links.Resync(link, synced, pair.Notes is { } read ? NotesVersion(read) : link.NotesModifiedAt,
                crmModified ?? link.CrmModifiedAt, now, untouched ? link.NotesWrittenAt : notesWrittenAt);
            return;
        }

        links.Add(unid, crmId, synced, pair.Notes is { } seen ? NotesVersion(seen) : null, crmModified, now, notesWrittenAt);
        if (!crmCarriesUnid && pair.Crm?.Record.NotesUnid != unid) UnstampedCrmRecords.Add((unid, crmId));
    }

    public void Forget(Pair pair)
    {
        if (pair.Link is { } link) links.Remove(link);
    }

    /// <summary>
    /// A linked pair found unchanged, at versions newer than the ones its link names (our own cross-reference write,
    /// or the checkpoint's overlap, brought them back): the link now names these versions, so that the next run takes
    /// them for known instead of reading them again. A Notes document not read is the version the link names already.
    /// </summary>
    public void RememberNewerVersions(Pair pair)
    {
        if (pair is not { Link: { } link, Crm: { } crm }) return;
        var notes = pair.Notes;
        var notesModified = notes is null ? link.NotesModifiedAt : NotesVersion(notes) ?? link.NotesModifiedAt;
        var crmModified = LinkVersions.UnambiguousVersion(crm.Record.ModifiedTime, runStart) ?? link.CrmModifiedAt;
        if (link.NotesModifiedAt == notesModified && link.CrmModifiedAt == crmModified) return;

        var now = clock.GetUtcNow();
        if (notes is null)
        {
            if (LinkVersions.CrmRecordAsLinked(link, crm))
                links.Resync(link, SyncedVersion.Same(crm.Values), notesModified, crmModified, now, link.NotesWrittenAt);
        }
        else if (LinkVersions.MatchesLink(link, Domain.Runs.SyncSide.Notes, notes.Values)
            && LinkVersions.MatchesLink(link, Domain.Runs.SyncSide.Crm, crm.Values))
        {
            links.Resync(link, new SyncedVersion(notes.Values, crm.Values), notesModified, crmModified, now, null);
        }
    }

    /// <summary>The values both sides hold once the item's writes are done.</summary>
    public static SyncedVersion SyncedBy(SyncPlanItem item) => item switch
    {
        SyncPlanItem.CreateInCrm create => create.Synced,
        SyncPlanItem.CreateInNotes create => create.Synced,
        SyncPlanItem.Update update => update.Synced,
        _ => throw new ArgumentException($"{item} links nothing.", nameof(item)),
    };

    /// <summary>The Notes version a link names: the one read, when its time names it alone (else none: read it again).</summary>
    private DateTimeOffset? NotesVersion(NotesSide notes) =>
        LinkVersions.UnambiguousBefore(notes.Record.Modified, notesUnambiguousBefore);
}
