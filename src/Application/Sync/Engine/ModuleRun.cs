using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;
using NotesSync.Domain.Common;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>
/// One module of one run, in the order it happens: read Notes, read the CRM, guard against mass deletion, read the
/// counterparts the changes need, pair, decide (the domain), apply (CRM, then Notes, then cross-references), and
/// advance the checkpoints. Links are saved after each batch of writes and the checkpoints only once every write is
/// recorded, so a run that dies anywhere is resumed, and what it wrote is adopted, by the next one.
/// </summary>
public sealed class ModuleRun(SyncModuleDefinition module, SyncContext ctx)
{
    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var report = new ModuleReport(ctx.Run, module.Module, ctx.Progress);
        report.Begin();
        var links = new LinkStore(ctx.Links, ctx.OrgId, ctx.UserId, module.Module);
        await links.LoadAsync(ct);
        var since = Checkpoints.Since(ctx.Profile, module.Module);
        var reads = new SideReads(module);

        var notes = module.NotesRecordsIn(ctx.Mailbox);
        var notesReader = new NotesReader(module, notes, ctx, links);
        if (await notesReader.ReadChangesAsync(reads, since.Notes, ct) is { IsFailure: true } notesFailed) return notesFailed;
        if (await AbsentRecords.ConfirmAsync(module, reads, notesReader, links, ct) is { IsFailure: true } absentFailed) return absentFailed;
        if (await new CrmReader(module, ctx, links).ReadChangesAsync(reads, since.Crm, ct) is { IsFailure: true } crmFailed) return crmFailed;

        if (MassDeletionGuard.Stops(links.Count, reads.NotesDeleted.Count) || MassDeletionGuard.Stops(links.Count, reads.CrmDeleted.Count))
            return RunErrors.MassDeletion(module.Module);

        var counterparts = await new Counterparts(module, ctx, links, notesReader).ReadAsync(reads, ct);
        if (counterparts.IsFailure) return counterparts;

        var planned = PlannedWrites.Adjusted(module, ctx.Settings,
            Pairing.Pair(module, reads, links).Select(pair => pair.Decide(ctx.Settings)), report);
        ctx.Progress.AddToTotal(planned.Count);
        if (ctx.Run.IsPreview) return await PreviewAsync(planned, report, ct);
        if (ctx.Run.AppliesPreview is not null && ctx.Plan is { } plan) await plan.CompareAsync(ctx.Run, module, planned, ct);

        var linker = new PairLinker(links, ctx.Clock, ctx.StartedAt, reads.NotesUnambiguousBefore);
        var applied = await ApplyAsync(planned, new Writers(module, notes, ctx, report, linker, links), ct);
        // Saved even when a side failed as a whole: the writes made before it are linked now, not left for the next
        // run to adopt (a document re-created in Notes, for one, could not be told from a new one by then).
        await links.SaveAsync(ct);
        if (applied.IsFailure) return applied;

        Checkpoints.Advance(ctx, module.Module, reads, since, report.NotesToRetry);
        await ctx.SaveAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// A preview stops after the plan: each decision counted as a run would count it once done, its conflicts logged,
    /// and the plan written down; nothing is written to either side, no link, no checkpoint.
    /// </summary>
    private async Task<Result> PreviewAsync(List<PlannedPair> planned, ModuleReport report, CancellationToken ct)
    {
        foreach (var decided in planned) report.Done(decided, decided.Pair.NotesId, decided.Pair.CrmId);
        report.Advanced(planned.Count);
        if (ctx.Plan is { } plan) await plan.RecordAsync(ctx.Run, module, planned, ct);
        await ctx.SaveAsync(ct);
        return Result.Success();
    }

    private static async Task<Result> ApplyAsync(List<PlannedPair> planned, Writers writers, CancellationToken ct)
    {
        foreach (var settled in planned.Where(p => !WritesAnything(p.Item))) writers.Settle(settled);

        var crm = await writers.Crm.WriteAsync(planned, ct);
        if (crm.IsFailure) return crm.Error!;

        var notesOnly = planned.Where(p => p.Item is SyncPlanItem.CreateInNotes or SyncPlanItem.DeleteInNotes
            or SyncPlanItem.Update { ToCrm.Count: 0, ToNotes.Count: > 0 }).Select(p => new NotesHalf(p, null));
        var notes = await writers.Notes.WriteAsync([.. notesOnly, .. crm.Value], ct);
        if (notes.IsFailure) return notes;

        return await writers.Crm.StampCrossReferencesAsync(ct);
    }

    private static bool WritesAnything(SyncPlanItem item) =>
        item is not (SyncPlanItem.Skip or SyncPlanItem.StopSyncing or SyncPlanItem.Unlink or SyncPlanItem.Update { WritesNothing: true });

    /// <summary>The run's writers of one module, sharing its links and its report.</summary>
    private sealed class Writers
    {
        private readonly SyncModuleDefinition _module;
        private readonly ModuleReport _report;
        private readonly PairLinker _linker;

        public Writers(
            SyncModuleDefinition module, INotesRecords notes, SyncContext ctx, ModuleReport report, PairLinker linker, LinkStore links)
        {
            (_module, _report, _linker) = (module, report, linker);
            Crm = new CrmWriter(module, ctx, report, linker, links);
            Notes = new NotesWriter(module, notes, ctx, report, linker, links, Crm);
        }

        public CrmWriter Crm { get; }
        public NotesWriter Notes { get; }

        /// <summary>A decision that writes nothing: counted, its conflicts logged, its link refreshed or forgotten.</summary>
        public void Settle(PlannedPair planned)
        {
            var pair = planned.Pair;
            switch (planned.Item)
            {
                case SyncPlanItem.Unlink or SyncPlanItem.StopSyncing:
                    _linker.Forget(pair);
                    if (planned.Item is SyncPlanItem.StopSyncing { Reason: SkipReason.OwnedByColleague })
                        _report.OwnedByColleague(pair, email: null);
                    break;
                case SyncPlanItem.Skip { Reason: SkipReason.OwnedByColleague }:
                    _report.OwnedByColleague(pair, pair.Notes is { } notes ? _module.IdentityOf(notes.Values) : null);
                    break;
                case SyncPlanItem.Update update:
                    // Both sides already agree (a first match, or a change to the same value on both): linked as is.
                    _linker.Linked(pair, pair.NotesId, pair.CrmId, update.Synced, pair.Crm?.Record.ModifiedTime);
                    break;
                case SyncPlanItem.Skip { Reason: SkipReason.Unchanged }:
                    _linker.RememberNewerVersions(pair);
                    break;
            }

            _report.Done(planned, pair.NotesId, pair.CrmId);
            _report.Advanced();
        }
    }
}
