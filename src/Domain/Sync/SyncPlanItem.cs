using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Domain.Sync;

public enum SkipReason
{
    /// <summary>Linked, and neither side changed since: nothing to write, the link stays as it is.</summary>
    Unchanged,
    /// <summary>Private on either side: nothing is written or deleted anywhere, the link stays as it is.</summary>
    Private,
    /// <summary>An event outside the profile's range: nothing is written or deleted anywhere.</summary>
    OutOfRange,
    /// <summary>Only one side has it, and the profile may not write the other.</summary>
    DirectionForbids,
    /// <summary>Neither side has it and nothing links them.</summary>
    BothGone,

    /// <summary>
    /// A write found its target changed by someone else, and deciding again called for something else (see
    /// <see cref="SyncDecision.Redecide"/>): reported as failed for this run, taken up afresh by the next one.
    /// </summary>
    ChangedDuringSync,

    /// <summary>
    /// The CRM record is a colleague's (its owner is another CRM user): out of this user's records. Nothing is
    /// written; a linked pair whose record was handed over stops syncing, and a Notes item the CRM already holds as a
    /// colleague's record (same e-mail) is not created a second time. Looked at again on the next run.
    /// </summary>
    OwnedByColleague,
}

/// <summary>
/// What a run does with one pair, decided by <see cref="SyncDecision.Decide"/>. The engine applies it, then counts it
/// with <see cref="CountInto"/> (or as failed when a write failed).
/// </summary>
public abstract record SyncPlanItem
{
    private SyncPlanItem() { }

    /// <summary>Adds this decision to a module's dashboard numbers, once its writes succeeded.</summary>
    public abstract ModuleCounts CountInto(ModuleCounts counts);

    /// <summary>Write nothing, leave the link as it is.</summary>
    public sealed record Skip(SkipReason Reason) : SyncPlanItem
    {
        public override ModuleCounts CountInto(ModuleCounts counts) => Reason switch
        {
            SkipReason.Unchanged => counts with { Unchanged = counts.Unchanged + 1 },
            SkipReason.Private => counts with { SkippedPrivate = counts.SkippedPrivate + 1 },
            SkipReason.OwnedByColleague => counts with { SkippedOwnedByColleague = counts.SkippedOwnedByColleague + 1 },
            SkipReason.ChangedDuringSync => counts.WithFailure(),
            _ => counts,
        };
    }

    /// <summary>
    /// Create the record in the CRM with <paramref name="Fields"/>, then link the pair with <see cref="Synced"/>.
    /// When the pair was linked (its CRM record was deleted while Notes changed it), that link is replaced.
    /// </summary>
    public sealed record CreateInCrm(IReadOnlyDictionary<string, string?> Fields) : SyncPlanItem
    {
        public SyncedVersion Synced => SyncedVersion.Same(Fields);

        public override ModuleCounts CountInto(ModuleCounts counts) =>
            counts with { ToCrm = counts.ToCrm with { Created = counts.ToCrm.Created + 1 } };
    }

    /// <summary>
    /// Create the document in Notes with <paramref name="Fields"/>, then link the pair with <see cref="Synced"/>.
    /// When the pair was linked (its Notes document was deleted while the CRM changed it), that link is replaced.
    /// </summary>
    public sealed record CreateInNotes(IReadOnlyDictionary<string, string?> Fields) : SyncPlanItem
    {
        public SyncedVersion Synced => SyncedVersion.Same(Fields);

        public override ModuleCounts CountInto(ModuleCounts counts) =>
            counts with { ToNotes = counts.ToNotes with { Created = counts.ToNotes.Created + 1 } };
    }

    /// <summary>
    /// Write the changed fields to each side (either may be empty, both may be), then link the pair with
    /// <see cref="Synced"/>: <c>link.Resynced(Synced, …)</c>, or <c>RecordLink.Link(…, Synced, …)</c> for a first match.
    /// </summary>
    /// <param name="Conflicts">Fields both sides changed to different values, with both values.</param>
    /// <param name="Winner">The side whose value won the conflicts, if any.</param>
    /// <param name="LosingVersion">Every field of the losing side as it was before the writes; empty without conflicts.</param>
    public sealed record Update(
        IReadOnlyDictionary<string, string?> ToCrm,
        IReadOnlyDictionary<string, string?> ToNotes,
        IReadOnlyList<ConflictField> Conflicts,
        SyncSide Winner,
        IReadOnlyDictionary<string, string?> LosingVersion,
        SyncedVersion Synced) : SyncPlanItem
    {
        public bool WritesNothing => ToCrm.Count == 0 && ToNotes.Count == 0;

        /// <summary>The entry of the run's conflict log, or null when nothing conflicted.</summary>
        public ConflictEntry? ConflictEntryFor(SyncModule module, string notesId, string crmId) =>
            Conflicts.Count == 0 ? null : new ConflictEntry(module, notesId, crmId, Winner, Conflicts, LosingVersion);

        public override ModuleCounts CountInto(ModuleCounts counts)
        {
            var conflicts = counts.Conflicts + (Conflicts.Count > 0 ? 1 : 0);
            if (WritesNothing) return counts with { Unchanged = counts.Unchanged + 1, Conflicts = conflicts };
            return counts with
            {
                ToCrm = ToCrm.Count > 0 ? counts.ToCrm with { Updated = counts.ToCrm.Updated + 1 } : counts.ToCrm,
                ToNotes = ToNotes.Count > 0 ? counts.ToNotes with { Updated = counts.ToNotes.Updated + 1 } : counts.ToNotes,
                Conflicts = conflicts,
            };
        }
    }

    /// <summary>Delete the CRM record (Notes deleted its document), then forget the link.</summary>
    public sealed record DeleteInCrm : SyncPlanItem
    {
        public override ModuleCounts CountInto(ModuleCounts counts) =>
            counts with { ToCrm = counts.ToCrm with { Deleted = counts.ToCrm.Deleted + 1 } };
    }

    /// <summary>Delete the Notes document (the CRM deleted its record), then forget the link.</summary>
    public sealed record DeleteInNotes : SyncPlanItem
    {
        public override ModuleCounts CountInto(ModuleCounts counts) =>
            counts with { ToNotes = counts.ToNotes with { Deleted = counts.ToNotes.Deleted + 1 } };
    }

    /// <summary>
    /// A linked pair that may no longer be synced (one side turned private): forget the link and write nothing. Both
    /// sides keep what they hold, and a later deletion on either side is not mirrored, since nothing links them any
    /// more. Should the item become public again, the ids each side carries adopt the pair again as a first match.
    /// </summary>
    public sealed record StopSyncing(SkipReason Reason) : SyncPlanItem
    {
        public override ModuleCounts CountInto(ModuleCounts counts) => new Skip(Reason).CountInto(counts);
    }

    /// <summary>Forget the link and write nothing: what is left on either side stays there, unsynced.</summary>
    public sealed record Unlink : SyncPlanItem
    {
        public override ModuleCounts CountInto(ModuleCounts counts) => counts;
    }
}
