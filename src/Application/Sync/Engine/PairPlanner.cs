using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Application.Sync.Engine;

/// <summary>Asks the domain's decision about one pair, and turns its answer into the writes the engine carries out.</summary>
public static class PairPlanner
{
    public static PairPlan Decide(Pair pair, SyncSettings settings)
    {
        // A linked side that was neither read nor reported deleted could not be found (a CRM record without its
        // cross-reference, say): nothing is decided on half the facts.
        if (pair.Link is not null && ((pair.Notes is null && !pair.NotesDeleted) || (pair.Crm is null && !pair.CrmDeleted)))
            return PairPlan.Skipped(SkipReason.Unchanged);

        var notes = pair.Notes is { } n ? SideState.Present(n.Values, n.IsPrivate) : pair.NotesDeleted ? SideState.Deleted : SideState.Absent;
        var crm = pair.Crm is { } c ? SideState.Present(c.Values, c.IsPrivate) : pair.CrmDeleted ? SideState.Deleted : SideState.Absent;

        return SyncDecision.Decide(notes, crm, pair.Link, settings.Direction, settings.ConflictWinner) switch
        {
            SyncPlanItem.Skip skip => PairPlan.Skipped(skip.Reason),
            SyncPlanItem.CreateInCrm create => new PairPlan(PlanKind.CreateInCrm, ToCrm: create.Fields, Synced: create.Synced),
            SyncPlanItem.CreateInNotes create => new PairPlan(PlanKind.CreateInNotes, ToNotes: create.Fields, Synced: create.Synced),
            SyncPlanItem.Update { WritesNothing: true } update => new PairPlan(PlanKind.Skip, SkipReason.Unchanged,
                Conflicts: update.Conflicts, Winner: update.Winner, Synced: update.Synced, LosingVersion: update.LosingVersion),
            SyncPlanItem.Update update => new PairPlan(PlanKind.Update, ToCrm: update.ToCrm, ToNotes: update.ToNotes,
                Conflicts: update.Conflicts, Winner: update.Winner, Synced: update.Synced, LosingVersion: update.LosingVersion),
            SyncPlanItem.DeleteInCrm => new PairPlan(PlanKind.DeleteInCrm),
            SyncPlanItem.DeleteInNotes => new PairPlan(PlanKind.DeleteInNotes),
            _ => new PairPlan(PlanKind.Unlink),
        };
    }
}
