using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Carries out the plans: CRM writes in batches of 100, Notes writes one document per call with
/// <c>If-Unmodified-Since</c>, a few calls at once and their outcomes taken in order, every outcome counted, every
/// failed record reported without stopping the run, and the links saved after each batch. A whole-side failure
/// stops the module with its error.
/// </summary>
internal sealed class PlanApplier(
    ModuleMapping map, SyncContext ctx, Dictionary<string, RecordLink> byUnid, Dictionary<string, RecordLink> byCrmId,
    DateTimeOffset notesSettledBefore)
{
    private const int Batch = 100;

    /// <summary>
    /// Notes writes on their way at once: Notes:MaxConcurrency's default (the mailbox holds Domino to the configured
    /// limit). It also bounds what is already sent when a failure of the whole side stops the module.
    /// </summary>
    private const int NotesWritesAhead = 4;

    /// <summary>
    /// Links of Notes writes saved together: a save compares every link the run tracks, so saving after each few
    /// writes would cost the run in proportion to the square of its size. A crash loses at most these links, and the
    /// next run adopts what they wrote (the documents carry the CRM id).
    /// </summary>
    private const int NotesWritesPerSave = 100;

    private readonly List<RecordLink> _newLinks = [];
    private readonly List<(string Unid, string CrmId)> _stamps = [];
    private readonly List<RecordLink> _obsolete = [];
    private int _notesWrites;
    private SyncModule Module => map.Module;
    private SyncRun Run => ctx.Run;

    public async Task<Result> ApplyAsync(List<(Pair Pair, PairPlan Plan)> plans, CancellationToken ct)
    {
        // What the CRM writes need from the CRM (contacts' Accounts) is looked up once for all of them.
        var toCrm = plans.Where(p => p.Plan.Kind is PlanKind.CreateInCrm or PlanKind.Update)
            .Select(p => p.Plan.ToCrm).OfType<IReadOnlyDictionary<string, string?>>();
        if (await map.PrepareCrmWritesAsync(toCrm, ctx.Crm, ctx.OrgId, ct) is { IsFailure: true } unprepared) return unprepared;

        foreach (var (pair, plan) in plans.Where(p => p.Plan.Kind is PlanKind.Skip or PlanKind.Unlink))
            await SettleAsync(pair, plan, ct);

        foreach (var batch in plans.Where(p => p.Plan.Kind == PlanKind.CreateInCrm).Chunk(Batch))
            if (await CreateInCrmAsync(batch, ct) is { IsFailure: true } failed) return failed;

        foreach (var batch in plans.Where(p => p.Plan.Kind == PlanKind.Update && p.Plan.ToCrm is { Count: > 0 }).Chunk(Batch))
            if (await UpdateCrmAsync(batch, ct) is { IsFailure: true } failed) return failed;

        foreach (var batch in plans.Where(p => p.Plan.Kind == PlanKind.DeleteInCrm).Chunk(Batch))
            if (await DeleteInCrmAsync(batch, ct) is { IsFailure: true } failed) return failed;

        var notesWrites = plans.Where(p => p.Plan.Kind is PlanKind.CreateInNotes or PlanKind.DeleteInNotes
            || (p.Plan.Kind == PlanKind.Update && p.Plan.ToCrm is not { Count: > 0 })).ToList();
        if (await WriteNotesAsync(notesWrites, ct) is { IsFailure: true } stopped) return stopped;

        // The CRM side carries the Notes id too: records copied into Notes, or matched, get their cross-reference now.
        foreach (var batch in _stamps.Chunk(Batch))
        {
            var stamp = await ctx.Crm.UpdateAsync(ctx.OrgId, Module,
                [.. batch.Select(c => new CrmWrite(c.CrmId, new Dictionary<string, string?>(), NotesUnid: c.Unid))], ct);
            if (stamp.IsFailure) return stamp.Error!;
        }

        await SaveAsync(ct);
        return Result.Success();
    }

    /// <summary>Plans without writes: counted, conflicts logged, links refreshed or forgotten.</summary>
    private async Task SettleAsync(Pair pair, PairPlan plan, CancellationToken ct)
    {
        if (plan.Kind == PlanKind.Unlink && pair.Link is { } link)
        {
            byUnid.Remove(link.NotesUnid);
            byCrmId.Remove(link.CrmId);
            await ctx.Links.DeleteAsync(link, ct);
        }
        else if (plan.Skip == SkipReason.Private) Count(c => c with { SkippedPrivate = c.SkippedPrivate + 1 });
        else if (plan.Skip == SkipReason.Unchanged)
        {
            Count(c => c with { Unchanged = c.Unchanged + 1 });
            if (plan.Synced is { } synced) Relink(pair, pair.NotesId, pair.CrmId, synced, pair.Crm?.Record.ModifiedTime);
            else if (pair is { Link: { } same, Crm: { } crm }) NoteVersions(same, pair.Notes, crm);
        }

        LogConflicts(pair, plan);
        ctx.Progress.Advance();
    }

    private async Task<Result> CreateInCrmAsync((Pair Pair, PairPlan Plan)[] batch, CancellationToken ct)
    {
        var prepared = await WritesAsync(batch, _ => null, ct);
        if (prepared.Count == 0) return Result.Success();
        var writes = prepared.Select(p => p.Write).ToList();
        // Contacts are upserted on the Notes UNID: a batch replayed after a lost answer updates, never duplicates.
        // Tasks have no upsert (zoho.md §2): a lost insert is found by its UNID on the next run and adopted.
        var results = Module == SyncModule.Contacts
            ? await ctx.Crm.UpsertByNotesUnidAsync(ctx.OrgId, Module, writes, ct)
            : await ctx.Crm.CreateAsync(ctx.OrgId, Module, writes, ct);
        if (results.IsFailure) return results.Error!;

        foreach (var result in results.Value)
        {
            var (pair, plan) = prepared[result.Index].Item;
            if (!result.Succeeded) { Fail(pair, SyncSide.Crm, result); continue; }
            Relink(pair, pair.NotesId, result.Id!, plan.Synced!, result.ModifiedTime, crmWrittenWithUnid: true);
            Count(c => c with { ToCrm = c.ToCrm with { Created = c.ToCrm.Created + 1 } });
            LogConflicts(pair, plan);
        }

        ctx.Progress.Advance(batch.Length);
        await SaveAsync(ct);
        return Result.Success();
    }

    private async Task<Result> UpdateCrmAsync((Pair Pair, PairPlan Plan)[] batch, CancellationToken ct)
    {
        var prepared = await WritesAsync(batch, p => p.CrmId, ct);
        if (prepared.Count == 0) return Result.Success();
        var results = await ctx.Crm.UpdateAsync(ctx.OrgId, Module, [.. prepared.Select(p => p.Write)], ct);
        if (results.IsFailure) return results.Error!;

        foreach (var result in results.Value)
        {
            var (pair, plan) = prepared[result.Index].Item;
            if (!result.Succeeded) { Fail(pair, SyncSide.Crm, result); continue; }
            Count(c => c with { ToCrm = c.ToCrm with { Updated = c.ToCrm.Updated + 1 } });
            // A merge may write both sides: the Notes half follows, with its own If-Unmodified-Since.
            if (plan.ToNotes is { Count: > 0 })
            {
                var notes = await UpdateNotesAsync(pair, plan, retry: true, ct);
                if (notes.IsFailure) return notes;
            }
            else
            {
                Relink(pair, pair.NotesId, pair.CrmId, plan.Synced!, result.ModifiedTime, crmWrittenWithUnid: true);
                LogConflicts(pair, plan);
            }
        }

        ctx.Progress.Advance(batch.Length);
        await SaveAsync(ct);
        return Result.Success();
    }

    private async Task<Result> DeleteInCrmAsync((Pair Pair, PairPlan Plan)[] batch, CancellationToken ct)
    {
        var results = await ctx.Crm.DeleteAsync(ctx.OrgId, Module, [.. batch.Select(p => p.Pair.CrmId)], ct);
        if (results.IsFailure) return results.Error!;

        foreach (var result in results.Value)
        {
            var (pair, _) = batch[result.Index];
            if (!result.Succeeded) { Fail(pair, SyncSide.Crm, result); continue; }
            await ForgetAsync(pair, ct);
            Count(c => c with { ToCrm = c.ToCrm with { Deleted = c.ToCrm.Deleted + 1 } });
        }

        ctx.Progress.Advance(batch.Length);
        await SaveAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// The Notes writes, <see cref="NotesWritesAhead"/> on their way at once. Each write's calls run ahead; what it
    /// leads to (links, counts, failures, the re-decision after a 412) is taken in the plans' order on this flow, so
    /// the run's state is only ever changed by one at a time. A failure of the whole side sends nothing more; the
    /// outcomes of the writes already sent are still taken, so that what they wrote is linked.
    /// </summary>
    private async Task<Result> WriteNotesAsync(List<(Pair Pair, PairPlan Plan)> plans, CancellationToken ct)
    {
        var window = new Queue<Task<Func<Task<Result>>>>();
        Result? stopped = null;
        var next = 0;
        try
        {
            while (true)
            {
                while (stopped is null && window.Count < NotesWritesAhead && next < plans.Count)
                {
                    var (pair, plan) = plans[next++];
                    window.Enqueue(plan.Kind switch
                    {
                        PlanKind.CreateInNotes => CreateInNotesAsync(pair, plan, ct),
                        PlanKind.DeleteInNotes => DeleteInNotesAsync(pair, ct),
                        _ => SendNotesUpdateAsync(pair, plan, ct),
                    });
                }

                if (!window.TryDequeue(out var sent)) return stopped ?? Result.Success();
                var done = await (await sent)();
                if (stopped is not null) continue;
                if (done.IsFailure)
                {
                    stopped = done;
                    continue;
                }

                ctx.Progress.Advance();
                if (++_notesWrites % NotesWritesPerSave == 0) await SaveAsync(ct);
            }
        }
        finally
        {
            // Left by an exception (the run cancelled): no write is left unobserved; the next run adopts what they did.
            foreach (var sent in window)
            {
                try
                {
                    await sent;
                }
                catch (Exception)
                {
                }
            }
        }
    }

    /// <summary>Creates the document; answers what then follows, to be taken in order.</summary>
    private async Task<Func<Task<Result>>> CreateInNotesAsync(Pair pair, PairPlan plan, CancellationToken ct)
    {
        var items = new Dictionary<string, NotesItem>(map.ToNotes(plan.ToNotes!), StringComparer.Ordinal)
        {
            // The Notes side carries the CRM id: a create whose answer is lost is found by it and adopted.
            [ModuleMapping.CrmIdItem] = NotesItem.Text(pair.CrmId),
        };
        var unid = await ctx.Mailbox.CreateDocumentAsync(map.NotesForm, items, ct);
        var writtenAt = ctx.Mailbox.ServerTime;
        return () =>
        {
            if (unid.IsFailure) return Task.FromResult(RecordOrStop(pair, SyncSide.Notes, unid.Error!));
            Relink(pair, unid.Value, pair.CrmId, plan.Synced!, pair.Crm?.Record.ModifiedTime, notesWrittenAt: writtenAt);
            Count(c => c with { ToNotes = c.ToNotes with { Created = c.ToNotes.Created + 1 } });
            LogConflicts(pair, plan);
            return Task.FromResult(Result.Success());
        };
    }

    /// <summary>Patches the document; answers what then follows, to be taken in order.</summary>
    private async Task<Func<Task<Result>>> SendNotesUpdateAsync(Pair pair, PairPlan plan, CancellationToken ct)
    {
        var written = await PatchNotesAsync(pair, plan, ct);
        return () => AfterNotesUpdateAsync(pair, plan, written, retry: true, ct);
    }

    /// <summary>The PATCH's outcome, and Domino's time once it answered (the version written is no later).</summary>
    private async Task<(Result<NotesWriteOutcome> Outcome, DateTimeOffset? At)> PatchNotesAsync(Pair pair, PairPlan plan, CancellationToken ct)
    {
        var outcome = await ctx.Mailbox.UpdateDocumentAsync(pair.NotesId, map.ToNotes(plan.ToNotes!), pair.Notes?.Document.LastModified, ct);
        return (outcome, ctx.Mailbox.ServerTime);
    }

    private async Task<Result> UpdateNotesAsync(Pair pair, PairPlan plan, bool retry, CancellationToken ct) =>
        await AfterNotesUpdateAsync(pair, plan, await PatchNotesAsync(pair, plan, ct), retry, ct);

    private async Task<Result> AfterNotesUpdateAsync(
        Pair pair, PairPlan plan, (Result<NotesWriteOutcome> Outcome, DateTimeOffset? At) written, bool retry, CancellationToken ct)
    {
        if (written.Outcome.IsFailure) return RecordOrStop(pair, SyncSide.Notes, written.Outcome.Error!);

        switch (written.Outcome.Value)
        {
            case NotesWriteOutcome.Done:
                Relink(pair, pair.NotesId, pair.CrmId, plan.Synced!, pair.Crm?.Record.ModifiedTime, notesWrittenAt: written.At);
                Count(c => c with { ToNotes = c.ToNotes with { Updated = c.ToNotes.Updated + 1 } });
                LogConflicts(pair, plan);
                return Result.Success();

            case NotesWriteOutcome.ChangedMeanwhile when retry:
                // Someone saved the document in Notes an instant before us: read it again and decide again, so
                // their edit is merged or logged as a conflict, never overwritten.
                var fresh = await ctx.Mailbox.GetDocumentAsync(pair.NotesId, ct);
                if (fresh.IsFailure) return RecordOrStop(pair, SyncSide.Notes, fresh.Error!);
                if (fresh.Value is not { } document2) return Result.Success();
                var again = pair with { Notes = NotesSide.Read(document2, map) };
                var plan2 = PairPlanner.Decide(again, ctx.Settings);
                if (plan2.Kind != PlanKind.Update)
                {
                    // Anything but an update (it turned private, say) waits for the next run, which reads it afresh.
                    Fail(pair, SyncSide.Notes, "changed-during-sync", "The document changed in Notes during the sync; the next run takes it up.");
                    return Result.Success();
                }

                if (plan2.ToCrm is { Count: > 0 })
                {
                    // The Notes edit that beat us goes to the CRM too, before the link says both sides hold it.
                    if (await ToCrmWriteAsync(again, plan2, again.CrmId, ct) is not { } write) return Result.Success();
                    var crmWrite = await ctx.Crm.UpdateAsync(ctx.OrgId, Module, [write], ct);
                    if (crmWrite.IsFailure) return crmWrite.Error!;
                    if (crmWrite.Value is [{ Succeeded: false } refused]) { Fail(again, SyncSide.Crm, refused); return Result.Success(); }
                }

                if (plan2.ToNotes is not { Count: > 0 })
                {
                    Relink(again, again.NotesId, again.CrmId, plan2.Synced!, again.Crm?.Record.ModifiedTime, crmWrittenWithUnid: true);
                    LogConflicts(again, plan2);
                    return Result.Success();
                }

                return await UpdateNotesAsync(again, plan2, retry: false, ct);

            default:
                Fail(pair, SyncSide.Notes, "changed-during-sync", "The document kept changing in Notes during the sync; the next run takes it up.");
                return Result.Success();
        }
    }

    /// <summary>Deletes the document if unchanged; answers what then follows, to be taken in order.</summary>
    private async Task<Func<Task<Result>>> DeleteInNotesAsync(Pair pair, CancellationToken ct)
    {
        // Only a document unchanged since the link is deleted: its Last-Modified guards a save made meanwhile.
        var current = await ctx.Mailbox.GetDocumentAsync(pair.NotesId, ct);
        if (current.IsFailure) return () => Task.FromResult(RecordOrStop(pair, SyncSide.Notes, current.Error!));
        if (current.Value is { } document)
        {
            if (pair.Link is { } link && map.FromNotes(document).Any(f => link.FieldChanged(SyncSide.Notes, f.Key, f.Value)))
                return () => KeptInNotes(pair);

            var deleted = await ctx.Mailbox.DeleteDocumentAsync(pair.NotesId, document.LastModified, ct);
            if (deleted.IsFailure) return () => Task.FromResult(RecordOrStop(pair, SyncSide.Notes, deleted.Error!));
            if (deleted.Value == NotesWriteOutcome.ChangedMeanwhile) return () => KeptInNotes(pair);
        }

        return async () =>
        {
            await ForgetAsync(pair, ct);
            Count(c => c with { ToNotes = c.ToNotes with { Deleted = c.ToNotes.Deleted + 1 } });
            return Result.Success();
        };
    }

    private Task<Result> KeptInNotes(Pair pair)
    {
        Fail(pair, SyncSide.Notes, "changed-during-sync", "The document changed in Notes while its CRM record was deleted; it was kept.");
        return Task.FromResult(Result.Success());
    }

    /// <summary>
    /// A linked pair found unchanged, at versions newer than the ones its link names (our own cross-reference write,
    /// or the checkpoint's overlap, brought them back): the link now names these versions, so that the next run takes
    /// them for known instead of reading them again. A Notes document not read is the version the link names already.
    /// </summary>
    private void NoteVersions(RecordLink link, NotesSide? notes, CrmSide crm)
    {
        var notesModified = notes is null ? link.NotesModifiedAt : NotesVersion(notes) ?? link.NotesModifiedAt;
        var crmModified = LinkVersions.Settled(crm.Record.ModifiedTime, ctx.StartedAt) ?? link.CrmModifiedAt;
        if (link.NotesModifiedAt == notesModified && link.CrmModifiedAt == crmModified) return;
        var now = ctx.Clock.GetUtcNow();
        if (notes is null)
        {
            if (LinkVersions.CrmUnchanged(link, crm)) link.Resynced(SyncedVersion.Same(crm.Values), notesModified, crmModified, now, link.NotesWrittenAt);
        }
        else if (LinkVersions.Holds(link, SyncSide.Notes, notes.Values) && LinkVersions.Holds(link, SyncSide.Crm, crm.Values))
        {
            link.Resynced(new SyncedVersion(notes.Values, crm.Values), notesModified, crmModified, now);
        }
    }

    /// <summary>The CRM write of a plan; null (and the record reported) when a value could not be resolved.</summary>
    private async Task<CrmWrite?> ToCrmWriteAsync(Pair pair, PairPlan plan, string? id, CancellationToken ct)
    {
        var (mapped, truncated) = map.ToCrm(plan.ToCrm!);
        var fields = new Dictionary<string, string?>(mapped, StringComparer.Ordinal);
        if (await map.ResolveCrmFieldsAsync(fields, ctx.Crm, ctx.OrgId, ct) is { } unresolved)
        {
            Fail(pair, SyncSide.Crm, unresolved.Code, unresolved.Message);
            return null;
        }

        foreach (var field in truncated)
            Fail(pair, SyncSide.Crm, "value-truncated", $"'{field}' was longer than Zoho allows and was shortened.", count: false);
        return new CrmWrite(id, fields, NotesUnid: pair.NotesId);
    }

    /// <summary>The plans of a batch whose CRM write could be built, each with its write.</summary>
    private async Task<List<((Pair Pair, PairPlan Plan) Item, CrmWrite Write)>> WritesAsync(
        (Pair Pair, PairPlan Plan)[] batch, Func<Pair, string?> id, CancellationToken ct)
    {
        var writes = new List<((Pair, PairPlan), CrmWrite)>();
        foreach (var item in batch)
            if (await ToCrmWriteAsync(item.Pair, item.Plan, id(item.Pair), ct) is { } write) writes.Add((item, write));
        return writes;
    }

    /// <summary>
    /// Links the pair as synced. <paramref name="notesWrittenAt"/>: Domino's time when it answered the write of the
    /// document this link's version comes from (null when the version was read, or not touched).
    /// </summary>
    private void Relink(
        Pair pair, string unid, string crmId, SyncedVersion synced, DateTimeOffset? crmModified,
        bool crmWrittenWithUnid = false, DateTimeOffset? notesWrittenAt = null)
    {
        var now = ctx.Clock.GetUtcNow();
        if (pair.Link is { } link && (link.NotesUnid != unid || link.CrmId != crmId))
        {
            // Re-created on a side that had deleted it: the old pair is replaced by the new one.
            byUnid.Remove(link.NotesUnid);
            byCrmId.Remove(link.CrmId);
            _obsolete.Add(link);
            pair = pair with { Link = null };
        }

        if (pair.Link is { } current)
        {
            link = current;
            // A document neither read nor written is still at the version the link holds, as the link knows it.
            var untouched = pair.Notes is null && notesWrittenAt is null;
            link.Resynced(synced, pair.Notes is { } read ? NotesVersion(read) : link.NotesModifiedAt, crmModified ?? link.CrmModifiedAt, now,
                untouched ? link.NotesWrittenAt : notesWrittenAt);
            return;
        }

        var created = RecordLink.Link(ctx.OrgId, ctx.UserId, Module, unid, crmId, synced, pair.Notes is { } seen ? NotesVersion(seen) : null,
            crmModified, now, notesWrittenAt);
        byUnid[unid] = created;
        byCrmId[crmId] = created;
        _newLinks.Add(created);
        if (!crmWrittenWithUnid && pair.Crm?.Record.NotesUnid != unid) _stamps.Add((unid, crmId));
    }

    /// <summary>The Notes version a link names: the one read, when its time names it alone (else none: read it again).</summary>
    private DateTimeOffset? NotesVersion(NotesSide notes) => LinkVersions.SettledBefore(notes.Document.Modified, notesSettledBefore);

    /// <summary>Saves the new links with everything else the run changed, in one unit of work.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        if (_obsolete.Count > 0)
        {
            var gone = _obsolete.ToList();
            _obsolete.Clear();
            await ctx.Links.DeleteRangeAsync(gone, ct);
        }

        if (_newLinks.Count == 0)
        {
            await ctx.SaveAsync(ct);
            return;
        }

        var adding = _newLinks.ToList();
        _newLinks.Clear();
        await ctx.Links.AddRangeAsync(adding, ct);
    }

    private async Task ForgetAsync(Pair pair, CancellationToken ct)
    {
        if (pair.Link is not { } link) return;
        byUnid.Remove(link.NotesUnid);
        byCrmId.Remove(link.CrmId);
        await ctx.Links.DeleteAsync(link, ct);
    }

    /// <summary>A failure of one record is reported and the run goes on; Domino or Zoho failing as a whole stops it.</summary>
    private Result RecordOrStop(Pair pair, SyncSide side, Error error)
    {
        if (error.Code is "invalid-credentials" or "server-unreachable" or "tls-error" or "server-timeout"
            or "zoho-not-connected" or "zoho-credits-exhausted" or "zoho-unavailable" || error.Code.StartsWith("das-disabled", StringComparison.Ordinal))
            return error;
        Fail(pair, side, error.Code, error.Message);
        return Result.Success();
    }

    private void Fail(Pair pair, SyncSide side, CrmWriteResult result) =>
        Fail(pair, side, result.ErrorCode!, result.Field is null ? result.Message ?? result.ErrorCode! : $"{result.Field}: {result.Message}");

    private void Fail(Pair pair, SyncSide side, string code, string message, bool count = true)
    {
        // The id of the side the write was for; a record that does not exist there yet is named by the other side's.
        var (own, other) = side == SyncSide.Crm ? (pair.CrmId, pair.NotesId) : (pair.NotesId, pair.CrmId);
        Run.RecordFailure(new RecordFailure(Module, side, own.Length > 0 ? own : other, code, message));
        if (count) Count(c => c with { Failed = c.Failed + 1 });
    }

    private void LogConflicts(Pair pair, PairPlan plan)
    {
        if (plan.Conflicts is not { Count: > 0 } fields) return;
        Run.RecordConflict(new ConflictEntry(Module, pair.NotesId, pair.CrmId, plan.Winner ?? SyncSide.Crm, fields,
            plan.LosingVersion ?? new Dictionary<string, string?>()));
        Count(c => c with { Conflicts = c.Conflicts + 1 });
    }

    private void Count(Func<ModuleCounts, ModuleCounts> change) => Run.Count(Module, change);
}
