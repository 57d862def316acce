using System.Globalization;
using NotesSync.Application.Common;
using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// One module of one run: read what changed on both sides since the checkpoints, pair the records, decide every
/// pair, then write. Links are saved after each batch of writes and the checkpoints only once every write is
/// recorded, so a run that dies anywhere is resumed, and what it wrote is adopted, by the next one.
/// </summary>
public sealed class ModuleSync(ModuleMapping map, SyncContext ctx)
{
    /// <summary>A side that reports more than this share of its linked records gone is not mirrored.</summary>
    private const double MassDeletionShare = 0.5;
    private const int MassDeletionMinimumLinks = 10;
    private static readonly TimeSpan CheckpointOverlap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClockSkewMargin = LinkVersions.ClockSkew;

    private readonly Dictionary<string, RecordLink> _byUnid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordLink> _byCrmId = new(StringComparer.Ordinal);

    private SyncModule Module => map.Module;

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        // A module the run synced is in its report, with zeros when nothing changed on either side.
        ctx.Run.Count(Module, counts => counts);
        foreach (var link in await ctx.Links.ListAsync(new LinksOfModule(ctx.OrgId, ctx.UserId, Module), ct))
        {
            _byUnid[link.NotesUnid] = link;
            _byCrmId[link.CrmId] = link;
        }

        var checkpoint = ctx.Profile.CheckpointOf(Module);
        var notesSince = Instant(checkpoint.NotesPosition);
        var crmSince = Instant(checkpoint.CrmPosition);

        // Notes: the view says what exists (deletions are never reported by DAS), `since` what changed.
        var entries = await ctx.Mailbox.ReadViewAsync(map.NotesView, ct);
        if (entries.IsFailure) return entries.Error!;
        var listed = entries.Value.Where(e => e.Form is null || string.Equals(e.Form, map.NotesForm, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Unid).ToHashSet(StringComparer.Ordinal);
        // Every document read from here on was read after this time, on Domino's clock.
        var settledBefore = LinkVersions.NotesSettledBefore(ctx.Mailbox.ServerTime, ctx.StartedAt);
        var toRead = listed;
        DateTimeOffset? notesHigh = null;
        if (notesSince is { } since)
        {
            var changes = await ctx.Mailbox.ChangedSinceAsync(since - CheckpointOverlap, ct);
            if (changes.IsFailure) return changes.Error!;
            // A document still at the version its link holds (read, or written by the last run) has not changed since:
            // the checkpoint's overlap and the last run's own writes bring such documents back, and they are not read.
            toRead = changes.Value.Where(c => listed.Contains(c.Unid) && !KnownVersion(c, settledBefore)).Select(c => c.Unid).ToHashSet(StringComparer.Ordinal);
            notesHigh = changes.Value.Count > 0 ? changes.Value.Max(c => c.Modified) : null;
        }

        var notes = new Dictionary<string, NotesSide>(StringComparer.Ordinal);
        var read = await NotesReads.ForEachAsync(ctx.Mailbox, toRead, async (unid, document) =>
        {
            await ctx.HeartbeatAsync(ct);
            if (document is null || !map.IsModuleDocument(document)) return;
            notes[unid] = NotesSide.Read(document, map);
            if (notesSince is null && (notesHigh is null || document.Modified > notesHigh)) notesHigh = document.Modified;
        }, ct);
        if (read.IsFailure) return read;

        var notesDeleted = _byUnid.Keys.Where(u => !listed.Contains(u)).ToHashSet(StringComparer.Ordinal);

        // CRM: records modified since the checkpoint, page by page, and the deleted list.
        var crm = new Dictionary<string, CrmSide>(StringComparer.Ordinal);
        DateTimeOffset? crmHigh = null;
        var read2 = await ctx.Crm.ReadChangedAsync(ctx.OrgId, Module, map.CrmFieldsToRead, crmSince - CheckpointOverlap, async (page, pageCt) =>
        {
            await ctx.HeartbeatAsync(pageCt);
            foreach (var record in page)
            {
                crm[record.Id] = CrmSide.Read(record, map);
                if (crmHigh is null || record.ModifiedTime > crmHigh) crmHigh = record.ModifiedTime;
            }
        }, ct);
        if (read2.IsFailure) return read2.Error!;

        // Our own writes of the last run come back as changes: the link already holds what they wrote.
        foreach (var id in crm.Values.Where(c => _byCrmId.TryGetValue(c.Id, out var l) && c.Record.ModifiedTime <= l.CrmModifiedAt)
                     .Select(c => c.Id).ToList())
            crm.Remove(id);

        var crmDeleted = new HashSet<string>(StringComparer.Ordinal);
        if (_byCrmId.Count > 0)
        {
            var deleted = await ctx.Crm.ReadDeletedAsync(ctx.OrgId, Module, crmSince - CheckpointOverlap, ct);
            if (deleted.IsFailure) return deleted.Error!;
            crmDeleted.UnionWith(deleted.Value.Select(d => d.Id).Where(_byCrmId.ContainsKey).Where(id => !crm.ContainsKey(id)));
        }

        if (MassDeletion(notesDeleted.Count) || MassDeletion(crmDeleted.Count))
            return Error.Unprocessable("mass-deletion-guard",
                $"One side reports most of the {Module.ToString().ToLowerInvariant()} NotesSync linked as deleted; nothing was deleted. Check the data, then sync again.");

        var adopted = await ReadCounterpartsAsync(notes, crm, listed, ct);
        if (adopted.IsFailure) return adopted;
        var counterparts = await ReadLinkedCounterpartsAsync(notes, notesDeleted, crm, crmDeleted, ct);
        if (counterparts.IsFailure) return counterparts;

        var pairs = Pairing.Pair(map, notes, notesDeleted, crm, crmDeleted, _byUnid, _byCrmId);
        var plans = pairs.Select(p => (Pair: p, Plan: PairPlanner.Decide(p, ctx.Settings))).ToList();
        ctx.Progress.AddToTotal(plans.Count);

        var applied = await new PlanApplier(map, ctx, _byUnid, _byCrmId, settledBefore).ApplyAsync(plans, ct);
        if (applied.IsFailure) return applied;

        // Each side's position is the newest change it showed us, on its own clock. When it showed none, the position
        // it was read from stays: nothing changed since then up to the read, and whatever changes after is newer. A
        // first run that found nothing takes the run's start less a margin for clock skew.
        var fallback = ctx.StartedAt - ClockSkewMargin;
        ctx.Profile.AdvanceCheckpoint(Module, Position(notesHigh ?? notesSince ?? fallback), Position(crmHigh ?? crmSince ?? fallback));
        await ctx.SaveAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// A record that carries the other side's id but is not linked was written by a run that died before saving the
    /// link. Its counterpart may not have changed since the checkpoint, so it was not read: read it now, so that
    /// the pair is adopted with both sides known instead of copied a second time.
    /// </summary>
    private async Task<Result> ReadCounterpartsAsync(
        Dictionary<string, NotesSide> notes, Dictionary<string, CrmSide> crm, HashSet<string> listed, CancellationToken ct)
    {
        var unidsToFind = notes.Values
            .Where(n => !_byUnid.ContainsKey(n.Unid)
                && n.Document.Items.GetValueOrDefault(ModuleMapping.CrmIdItem)?.First is { Length: > 0 } id && !crm.ContainsKey(id) && !_byCrmId.ContainsKey(id))
            .Select(n => n.Unid).ToList();
        if (unidsToFind.Count > 0)
        {
            var found = await ctx.Crm.FindByNotesUnidAsync(ctx.OrgId, Module, unidsToFind, map.CrmFieldsToRead, ct);
            if (found.IsFailure) return found.Error!;
            foreach (var record in found.Value)
                crm.TryAdd(record.Id, CrmSide.Read(record, map));
        }

        var unreadUnids = crm.Values.Select(c => c.Record.NotesUnid)
            .Where(unid => unid is { Length: > 0 } && !notes.ContainsKey(unid) && !_byUnid.ContainsKey(unid) && listed.Contains(unid))
            .Select(unid => unid!).Distinct(StringComparer.Ordinal).ToList();
        return await NotesReads.ForEachAsync(ctx.Mailbox, unreadUnids, async (unid, document) =>
        {
            await ctx.HeartbeatAsync(ct);
            if (document is not null && map.IsModuleDocument(document)) notes[unid] = NotesSide.Read(document, map);
        }, ct);
    }

    /// <summary>
    /// A linked pair changed on one side only: the merge needs the other side's values, and a write to Notes needs
    /// the document's Last-Modified (not when the CRM record changed nothing the link knows: see
    /// <see cref="LinkVersions.CrmUnchanged"/>). Notes documents are read one GET each, several at once; CRM records by their
    /// Notes UNID, 50 a query.
    /// </summary>
    private async Task<Result> ReadLinkedCounterpartsAsync(
        Dictionary<string, NotesSide> notes, HashSet<string> notesDeleted, Dictionary<string, CrmSide> crm,
        HashSet<string> crmDeleted, CancellationToken ct)
    {
        // A deletion in the CRM is decided on the document as it is now (edited since the link, it is kept).
        var linkedUnids = _byUnid.Values
            .Where(l => !notes.ContainsKey(l.NotesUnid) && !notesDeleted.Contains(l.NotesUnid)
                && (crm.TryGetValue(l.CrmId, out var c) ? !LinkVersions.CrmUnchanged(l, c) : crmDeleted.Contains(l.CrmId)))
            .Select(l => l.NotesUnid).ToList();
        var read = await NotesReads.ForEachAsync(ctx.Mailbox, linkedUnids, async (unid, document) =>
        {
            await ctx.HeartbeatAsync(ct);
            if (document is not null && map.IsModuleDocument(document)) notes[unid] = NotesSide.Read(document, map);
            else notesDeleted.Add(unid);
        }, ct);
        if (read.IsFailure) return read;

        // And one in Notes on the record as it is now.
        var missing = _byUnid.Values
            .Where(l => (notes.ContainsKey(l.NotesUnid) || notesDeleted.Contains(l.NotesUnid)) && !crm.ContainsKey(l.CrmId) && !crmDeleted.Contains(l.CrmId))
            .Select(l => l.NotesUnid).ToList();
        if (missing.Count == 0) return Result.Success();
        var found = await ctx.Crm.FindByNotesUnidAsync(ctx.OrgId, Module, missing, map.CrmFieldsToRead, ct);
        if (found.IsFailure) return found.Error!;
        foreach (var record in found.Value.Where(r => _byCrmId.ContainsKey(r.Id)))
            crm.TryAdd(record.Id, CrmSide.Read(record, map));
        return Result.Success();
    }

    /// <summary>
    /// The change list shows the document at the very version its link holds: the one last read (the link keeps only
    /// times that name one version: <see cref="LinkVersions.SettledBefore"/>), or the one NotesSync last wrote, whose
    /// time the link now keeps in its place when it names that version alone.
    /// </summary>
    private bool KnownVersion(NotesChange change, DateTimeOffset settledBefore)
    {
        if (!_byUnid.TryGetValue(change.Unid, out var link) || !link.HoldsNotesVersion(change.Modified)) return false;
        link.NotesVersionSeen(LinkVersions.SettledBefore(change.Modified, settledBefore));
        return true;
    }

    private bool MassDeletion(int deleted) =>
        _byUnid.Count >= MassDeletionMinimumLinks && deleted > _byUnid.Count * MassDeletionShare;

    private static DateTimeOffset? Instant(string? position) =>
        DateTimeOffset.TryParse(position, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static string? Position(DateTimeOffset? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
