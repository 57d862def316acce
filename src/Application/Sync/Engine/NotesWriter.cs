using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// Carries out the Notes part of the plan, one document per call (DAS has no bulk write), a few calls at once with
/// their outcomes taken in order. Every update and deletion is conditional on the document's Last-Modified: a save
/// made in Notes meanwhile is never overwritten or deleted; the pair is decided again with the document as it is
/// now (<see cref="SyncDecision.Redecide"/>). A failure of Domino as a whole stops the module.
/// </summary>
internal sealed class NotesWriter(
    SyncModuleDefinition module, INotesRecords notes, SyncContext ctx, ModuleReport report, PairLinker linker, LinkStore links,
    CrmWriter crmWriter)
{
    /// <summary>
    /// Writes on their way at once: Notes:MaxConcurrency's default (the mailbox holds Domino to the configured limit).
    /// It also bounds what is already sent when a failure of the whole side stops the module.
    /// </summary>
    private const int WritesAhead = 4;

    /// <summary>Links of Notes writes saved together: a crash loses at most these, and the next run adopts what they wrote.</summary>
    private const int WritesPerSave = 100;

    private int _taken;

    /// <summary>What a write's calls brought back, to be taken in order.</summary>
    private abstract record Sent
    {
        public sealed record Failed(Error Error) : Sent;
        public sealed record Created(string Unid, DateTimeOffset? At) : Sent;
        public sealed record Patched(NotesWriteOutcome Outcome, DateTimeOffset? At) : Sent;
        public sealed record Deleted : Sent;
        public sealed record EditedSinceLink : Sent;
    }

    public async Task<Result> WriteAsync(IReadOnlyList<NotesHalf> writes, CancellationToken ct)
    {
        if (writes.Count == 0) return Result.Success();
        // Before the first batch as before each next one (TakeAsync): a run swept while it read writes nothing.
        await ctx.EnsureStillCurrentAsync(ct);
        return await Ordered.ForEachAsync(
            writes, WritesAhead, Ordered.OnStop.TakeInFlight, SendAsync, (write, sent) => TakeAsync(write, sent, ct), ct);
    }

    private async Task<Sent> SendAsync(NotesHalf write, CancellationToken ct)
    {
        var pair = write.Planned.Pair;
        switch (write.Planned.Item)
        {
            case SyncPlanItem.CreateInNotes create:
                // The Notes side carries the CRM id: a create whose answer is lost is found by it and adopted.
                var unid = await notes.CreateAsync(create.Fields, pair.CrmId, ct);
                return unid.IsFailure ? new Sent.Failed(unid.Error!) : new Sent.Created(unid.Value, notes.ServerTime);

            case SyncPlanItem.Update update:
                return await PatchAsync(pair, update, ct);

            default:
                return await DeleteAsync(write.Planned, ct);
        }
    }

    /// <summary>The PATCH's outcome, and Domino's time once it answered (the version written is no later).</summary>
    private async Task<Sent> PatchAsync(Pair pair, SyncPlanItem.Update update, CancellationToken ct)
    {
        var patched = await notes.UpdateAsync(pair.NotesId, update.ToNotes, pair.Notes?.Record.LastModified, ct);
        return patched.IsFailure ? new Sent.Failed(patched.Error!) : new Sent.Patched(patched.Value, notes.ServerTime);
    }

    /// <summary>Deletes the document only if it is still as linked: read now, decided again, deleted on that version.</summary>
    private async Task<Sent> DeleteAsync(PlannedPair planned, CancellationToken ct)
    {
        var pair = planned.Pair;
        var current = await notes.GetAsync(pair.NotesId, ct);
        if (current.IsFailure) return new Sent.Failed(current.Error!);
        if (current.Value is not { } document) return new Sent.Deleted();

        var now = pair with { Notes = NotesSide.Read(document, module), NotesDeleted = false };
        if (now.Redecide(planned.Item, ctx.Settings).Item is not SyncPlanItem.DeleteInNotes) return new Sent.EditedSinceLink();

        var deleted = await notes.DeleteAsync(pair.NotesId, document.LastModified, ct);
        if (deleted.IsFailure) return new Sent.Failed(deleted.Error!);
        return deleted.Value == NotesWriteOutcome.ChangedMeanwhile ? new Sent.EditedSinceLink() : new Sent.Deleted();
    }

    private async Task<Result> TakeAsync(NotesHalf write, Sent sent, CancellationToken ct)
    {
        var (planned, pair) = (write.Planned, write.Planned.Pair);
        var taken = sent switch
        {
            Sent.Failed failed => RecordOrStop(pair, failed.Error),
            Sent.Created created => Linked(planned, created.Unid, write.CrmModified, created.At),
            Sent.Patched { Outcome: NotesWriteOutcome.Done } patched => Linked(planned, pair.NotesId, write.CrmModified, patched.At),
            Sent.Patched { Outcome: NotesWriteOutcome.ChangedMeanwhile } => await AfterConcurrentEditAsync(write, ct),
            Sent.Patched => ChangedDuringSync(pair, "The document was deleted in Notes during the sync; the next run takes it up."),
            Sent.Deleted => Forgotten(planned),
            _ => ChangedDuringSync(pair, "The document changed in Notes while its CRM record was deleted; it was kept."),
        };
        if (taken.IsFailure) return taken;

        report.Advanced();
        if (++_taken % WritesPerSave == 0)
        {
            await links.SaveAsync(ct);
            await ctx.EnsureStillCurrentAsync(ct);
        }

        return Result.Success();
    }

    /// <summary>
    /// Someone saved the document in Notes an instant before our PATCH (412): read it again and decide again, so that
    /// their edit is merged (and carried to the CRM) or logged as a conflict, never overwritten. One retry only.
    /// </summary>
    private async Task<Result> AfterConcurrentEditAsync(NotesHalf write, CancellationToken ct)
    {
        var pair = write.Planned.Pair;
        var fresh = await notes.GetAsync(pair.NotesId, ct);
        if (fresh.IsFailure) return RecordOrStop(pair, fresh.Error!);
        if (fresh.Value is not { } document) return ChangedDuringSync(pair, "The document was deleted in Notes during the sync; the next run takes it up.");

        var redecided = (pair with { Notes = NotesSide.Read(document, module) }).Redecide(write.Planned.Item, ctx.Settings);
        if (redecided.Item is not SyncPlanItem.Update update)
            return ChangedDuringSync(pair, "The document changed in Notes during the sync; the next run takes it up.");

        var crmModified = write.CrmModified;
        if (update.ToCrm.Count > 0)
        {
            // The Notes edit that beat us goes to the CRM too, before the link says both sides hold it.
            var crm = await crmWriter.UpdateOneAsync(redecided, ct);
            if (crm.IsFailure) return crm;
            if (!crm.Value) return Result.Success();
            crmModified = null;
        }

        if (update.ToNotes.Count == 0) return Linked(redecided, pair.NotesId, crmModified, notesWrittenAt: null);

        var again = await PatchAsync(redecided.Pair, update, ct);
        return again switch
        {
            Sent.Failed failed => RecordOrStop(pair, failed.Error),
            Sent.Patched { Outcome: NotesWriteOutcome.Done } patched => Linked(redecided, pair.NotesId, crmModified, patched.At),
            _ => ChangedDuringSync(pair, "The document kept changing in Notes during the sync; the next run takes it up."),
        };
    }

    private Result Linked(PlannedPair planned, string unid, DateTimeOffset? crmModified, DateTimeOffset? notesWrittenAt)
    {
        var pair = planned.Pair;
        linker.Linked(pair, unid, pair.CrmId, PairLinker.SyncedBy(planned.Item), crmModified ?? pair.Crm?.Record.ModifiedTime,
            crmCarriesUnid: planned.Item is SyncPlanItem.Update { ToCrm.Count: > 0 }, notesWrittenAt: notesWrittenAt);
        report.Done(planned, unid, pair.CrmId);
        return Result.Success();
    }

    private Result Forgotten(PlannedPair planned)
    {
        linker.Forget(planned.Pair);
        report.Done(planned, planned.Pair.NotesId, planned.Pair.CrmId);
        return Result.Success();
    }

    private Result ChangedDuringSync(Pair pair, string message)
    {
        report.Failed(pair, SyncSide.Notes, "changed-during-sync", message);
        return Result.Success();
    }

    /// <summary>A failure of one document is reported and the run goes on; Domino failing as a whole stops it.</summary>
    private Result RecordOrStop(Pair pair, Error error)
    {
        if (error.AffectsWholeSide) return error;
        report.Failed(pair, SyncSide.Notes, error.Code, error.Message);
        return Result.Success();
    }
}
