using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;

namespace NotesSync.Domain.Sync;

/// <summary>
/// What a run does with one pair (product.md §4): where privacy, event range, direction, the conflict winner and
/// deletions meet. Pure: the engine reads both sides and the link, asks, applies, re-links.
/// </summary>
public static class SyncDecision
{
    /// <param name="notes">The Notes side; <see cref="SideState.Deleted"/> or present when <paramref name="link"/> is given.</param>
    /// <param name="crm">The CRM side; <see cref="SideState.Deleted"/> or present when <paramref name="link"/> is given.</param>
    /// <param name="link">The pair as last synced, or null when NotesSync never linked them.</param>
    public static SyncPlanItem Decide(
        SideState notes, SideState crm, RecordLink? link, SyncDirection direction, ConflictWinner winner)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(crm);

        // Privacy comes before everything, deletions included: a private item is never written, and an item that
        // turned private after it was linked stops syncing: its counterpart stays on the other side, and the link
        // goes, so that deleting the private item later deletes nothing elsewhere (a deletion says nothing of privacy).
        if (notes.IsPrivate || crm.IsPrivate)
            return link is null ? new SyncPlanItem.Skip(SkipReason.Private) : new SyncPlanItem.StopSyncing(SkipReason.Private);
        // Then ownership: a user syncs the CRM records they own. A linked record handed to a colleague leaves this
        // user's records as an item turned private does (the Notes copy stays, the link goes); an unlinked Notes item
        // that the CRM already holds as a colleague's record is not created a second time.
        if (crm.IsColleagues)
            return link is null ? new SyncPlanItem.Skip(SkipReason.OwnedByColleague) : new SyncPlanItem.StopSyncing(SkipReason.OwnedByColleague);
        if (notes.IsOutOfRange || crm.IsOutOfRange) return new SyncPlanItem.Skip(SkipReason.OutOfRange);

        return link is null
            ? DecideUnlinked(notes, crm, direction, SideOf(winner))
            : DecideLinked(notes, crm, link, direction, SideOf(winner));
    }

    /// <summary>Whether a profile syncing in <paramref name="direction"/> may write to <paramref name="side"/>.</summary>
    public static bool Writes(this SyncDirection direction, SyncSide side) => direction switch
    {
        SyncDirection.NotesToCrm => side == SyncSide.Crm,
        SyncDirection.CrmToNotes => side == SyncSide.Notes,
        _ => true,
    };

    private static SyncPlanItem DecideUnlinked(SideState notes, SideState crm, SyncDirection direction, SyncSide winner) =>
        (notes.IsPresent, crm.IsPresent) switch
        {
            // A first match: merged with no base, and linked even when nothing needs writing.
            (true, true) => FieldMerge.Merge(notes, crm, link: null, direction, winner),
            (true, false) => direction.Writes(SyncSide.Crm)
                ? new SyncPlanItem.CreateInCrm(notes.Fields)
                : new SyncPlanItem.Skip(SkipReason.DirectionForbids),
            (false, true) => direction.Writes(SyncSide.Notes)
                ? new SyncPlanItem.CreateInNotes(crm.Fields)
                : new SyncPlanItem.Skip(SkipReason.DirectionForbids),
            (false, false) => new SyncPlanItem.Skip(SkipReason.BothGone),
        };

    /// <summary>
    /// Decides a pair again after a write to it was refused because its target changed meanwhile (Notes answered 412,
    /// Zoho ALREADY_MODIFIED), or just before a deletion, with the side as it is now. Only the same kind of action is
    /// carried out in this run: a merge is merged again (the edit that beat us is kept, or logged as a conflict), a
    /// deletion of a record that is still as linked is deleted. Anything else (edited before a deletion, turned
    /// private) is left for the next run, which reads it afresh.
    /// </summary>
    public static SyncPlanItem Redecide(
        SyncPlanItem planned, SideState notes, SideState crm, RecordLink? link, SyncDirection direction, ConflictWinner winner)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var again = Decide(notes, crm, link, direction, winner);
        return again.GetType() == planned.GetType() ? again : new SyncPlanItem.Skip(SkipReason.ChangedDuringSync);
    }

    private static SyncPlanItem DecideLinked(
        SideState notes, SideState crm, RecordLink link, SyncDirection direction, SyncSide winner)
    {
        // Absent next to a link would be read as a deletion; only the caller can tell a deletion from a record not read.
        if (notes.Presence == SidePresence.Absent || crm.Presence == SidePresence.Absent)
            throw new ArgumentException("A linked side is either present, deleted or unread, never absent.", nameof(link));

        // A side the run did not read is taken as linked; next to a change on the other side, the merge would have
        // to guess its values, and a guess is not a fact: nothing is written until both sides are known.
        if (notes.Presence == SidePresence.Unread || crm.Presence == SidePresence.Unread)
            return new SyncPlanItem.Skip(SkipReason.Unchanged);

        return (notes.IsPresent, crm.IsPresent) switch
        {
            (false, false) => new SyncPlanItem.Unlink(),
            (false, true) => AfterDeletion(SyncSide.Notes, crm, link, direction),
            (true, false) => AfterDeletion(SyncSide.Crm, notes, link, direction),
            (true, true) => MergeLinked(notes, crm, link, direction, winner),
        };
    }

    private static SyncPlanItem AfterDeletion(
        SyncSide deletedSide, SideState survivor, RecordLink link, SyncDirection direction)
    {
        var survivorSide = deletedSide == SyncSide.Notes ? SyncSide.Crm : SyncSide.Notes;

        // Deleted on one side, edited on the other: the edit wins, nothing is lost.
        if (survivor.ChangedSince(link, survivorSide))
        {
            if (!direction.Writes(deletedSide)) return new SyncPlanItem.Unlink();
            return deletedSide == SyncSide.Crm
                ? new SyncPlanItem.CreateInCrm(survivor.Fields)
                : new SyncPlanItem.CreateInNotes(survivor.Fields);
        }

        // A survivor holding values the deleted side never had (a one-way profile kept them apart) is not deleted
        // either: those values exist nowhere else.
        var holdsItsOwnValues = survivor.Fields.Keys.Any(field => FieldMerge.Apart(link, field));
        if (!direction.Writes(survivorSide) || holdsItsOwnValues) return new SyncPlanItem.Unlink();
        return survivorSide == SyncSide.Crm ? new SyncPlanItem.DeleteInCrm() : new SyncPlanItem.DeleteInNotes();
    }

    private static SyncPlanItem MergeLinked(
        SideState notes, SideState crm, RecordLink link, SyncDirection direction, SyncSide winner)
    {
        var update = FieldMerge.Merge(notes, crm, link, direction, winner);
        var linkIsCurrent = update.WritesNothing && update.Conflicts.Count == 0 && Holds(link, update.Synced);
        return linkIsCurrent ? new SyncPlanItem.Skip(SkipReason.Unchanged) : update;
    }

    private static bool Holds(RecordLink link, SyncedVersion synced) =>
        synced.Notes.All(field => link.FingerprintOf(SyncSide.Notes, field.Key) == Fingerprint.Of(field.Value))
        && synced.Crm.All(field => link.FingerprintOf(SyncSide.Crm, field.Key) == Fingerprint.Of(field.Value));

    private static SyncSide SideOf(ConflictWinner winner) => winner == ConflictWinner.Crm ? SyncSide.Crm : SyncSide.Notes;
}
