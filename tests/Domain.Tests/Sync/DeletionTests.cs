using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// A linked pair one side deleted: the deletion is carried to a counterpart nobody changed, loses to an edit, and
/// goes no further than the profile may write. Each situation is run twice, as an engine would.
/// </summary>
public class DeletionTests
{
    private static readonly IReadOnlyDictionary<string, string?> ZoeNewEmail = Fields(
        ("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe.dupont@acme.example"), ("phone", "+33 1 23 45 67 89"));

    private static readonly IReadOnlyDictionary<string, string?> ZoeWithTitle = Fields(
        ("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe@acme.example"), ("phone", "+33 1 23 45 67 89"),
        ("title", "Directrice"));

    private static readonly IReadOnlyDictionary<string, string?> ZoeOwnPhone = Fields(
        ("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe@acme.example"), ("phone", "+33 6 22 22 22 22"));

    private static readonly SyncPlanItem Unlinked = new SyncPlanItem.Unlink();
    private static readonly SyncPlanItem DeletedInCrm = new SyncPlanItem.DeleteInCrm();
    private static readonly SyncPlanItem DeletedInNotes = new SyncPlanItem.DeleteInNotes();
    private static readonly SyncPlanItem BothGone = new SyncPlanItem.Skip(SkipReason.BothGone);
    private static readonly SyncPlanItem NothingToDo = new SyncPlanItem.Skip(SkipReason.Unchanged);
    private static readonly SyncPlanItem LeftAlone = new SyncPlanItem.Skip(SkipReason.DirectionForbids);

    /// <param name="LastSynced">What the link holds.</param>
    /// <param name="Notes">What Notes holds now; null when it deleted the record.</param>
    /// <param name="Crm">What the CRM holds now; null when it deleted the record.</param>
    /// <param name="NextRun">What the next run decides with nothing changed in between; null when open (below).</param>
    private sealed record Deletion(
        SyncDirection Profile, ConflictWinner Winner, SyncedVersion LastSynced,
        IReadOnlyDictionary<string, string?>? Notes, IReadOnlyDictionary<string, string?>? Crm,
        SyncPlanItem Decision, SyncPlanItem? NextRun);

    private static readonly SyncedVersion SyncedZoe = SyncedVersion.Same(Zoe);

    private static readonly Dictionary<string, Deletion> Deletions = new()
    {
        ["two-way, Notes deleted it and nobody changed the CRM record: deleted in the CRM"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, null, Zoe, DeletedInCrm, BothGone),
        ["two-way, the CRM deleted it and nobody changed the Notes document: deleted in Notes"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, Zoe, null, DeletedInNotes, BothGone),
        ["Notes to CRM, Notes deleted it: deleted in the CRM"] =
            new(NotesToCrm, ConflictWinner.Crm, SyncedZoe, null, Zoe, DeletedInCrm, BothGone),
        ["Notes to CRM, the CRM deleted it: Notes keeps its document, unlinked"] =
            new(NotesToCrm, ConflictWinner.Crm, SyncedZoe, Zoe, null, Unlinked, NextRun: null),
        ["CRM to Notes, the CRM deleted it: deleted in Notes"] =
            new(CrmToNotes, ConflictWinner.Crm, SyncedZoe, Zoe, null, DeletedInNotes, BothGone),
        ["CRM to Notes, Notes deleted it: the CRM keeps its record, unlinked"] =
            new(CrmToNotes, ConflictWinner.Crm, SyncedZoe, null, Zoe, Unlinked, NextRun: null),

        ["two-way, Notes deleted it while the CRM edited it: the edit wins over Notes winning, Notes gets it back"] =
            new(TwoWay, ConflictWinner.Notes, SyncedZoe, null, ZoeNewEmail,
                new SyncPlanItem.CreateInNotes(ZoeNewEmail), NothingToDo),
        ["two-way, the CRM deleted it while Notes edited it: the edit wins over the CRM winning, the CRM gets it back"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, ZoeNewEmail, null,
                new SyncPlanItem.CreateInCrm(ZoeNewEmail), NothingToDo),
        ["CRM to Notes, Notes deleted it while the CRM edited it: Notes gets it back"] =
            new(CrmToNotes, ConflictWinner.Crm, SyncedZoe, null, ZoeNewEmail,
                new SyncPlanItem.CreateInNotes(ZoeNewEmail), NothingToDo),
        ["Notes to CRM, the CRM deleted it while Notes edited it: the CRM gets it back"] =
            new(NotesToCrm, ConflictWinner.Crm, SyncedZoe, ZoeNewEmail, null,
                new SyncPlanItem.CreateInCrm(ZoeNewEmail), NothingToDo),
        ["Notes to CRM, Notes deleted it while the CRM edited it: the CRM keeps its edit, unlinked"] =
            new(NotesToCrm, ConflictWinner.Crm, SyncedZoe, null, ZoeNewEmail, Unlinked, LeftAlone),
        ["CRM to Notes, the CRM deleted it while Notes edited it: Notes keeps its edit, unlinked"] =
            new(CrmToNotes, ConflictWinner.Crm, SyncedZoe, ZoeNewEmail, null, Unlinked, LeftAlone),

        ["white space added on the survivor is no edit: deleted all the same"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, null, Zoe.With("lastName", "Dupont  "), DeletedInCrm, BothGone),
        ["a field the mapping gained, filled in on the survivor, is an edit: Notes gets it back"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, null, ZoeWithTitle,
                new SyncPlanItem.CreateInNotes(ZoeWithTitle), NothingToDo),
        ["Notes to CRM left the CRM its own phone, then Notes deleted it: the CRM keeps its record, unlinked"] =
            new(NotesToCrm, ConflictWinner.Notes, new SyncedVersion(Zoe, ZoeOwnPhone), null, ZoeOwnPhone,
                Unlinked, LeftAlone),
        ["CRM to Notes left Notes its own phone, then the CRM deleted it: Notes keeps its document, unlinked"] =
            new(CrmToNotes, ConflictWinner.Crm, new SyncedVersion(ZoeOwnPhone, Zoe), ZoeOwnPhone, null,
                Unlinked, LeftAlone),
        ["both sides deleted it: unlinked"] =
            new(TwoWay, ConflictWinner.Crm, SyncedZoe, null, null, Unlinked, BothGone),
    };

    public static TheoryData<string> DeletionNames => new(Deletions.Keys);

    [Theory]
    [MemberData(nameof(DeletionNames))]
    public void A_deletion_is_carried_to_an_unchanged_counterpart_and_loses_to_an_edit_as_far_as_the_profile_writes(
        string situation)
    {
        var (profile, winner, lastSynced, notes, crm, decision, nextRun) = Deletions[situation];
        var pair = PairSimulation.Linked(profile, winner, lastSynced, notes, crm);

        AssertDecision(decision, pair.Run());
        if (nextRun is not null) AssertDecision(nextRun, pair.Run());
    }

    // A one-way profile may not carry a deletion on its target back to the source, so it forgets the link; the next
    // run then meets the source record as a new one and creates it on the target again: the deleted item comes back
    // one run later (product.md lists "deleted items coming back" among what users complain of).
    [Theory(Skip = "engine: a one-way profile recreates on the next run the target record whose deletion it unlinked")]
    [InlineData(SyncDirection.NotesToCrm)]
    [InlineData(SyncDirection.CrmToNotes)]
    public void A_record_deleted_on_a_one_way_profiles_target_does_not_come_back_on_the_next_run(SyncDirection profile)
    {
        var pair = profile == SyncDirection.NotesToCrm
            ? PairSimulation.Linked(profile, ConflictWinner.Crm, SyncedZoe, Zoe, crm: null)
            : PairSimulation.Linked(profile, ConflictWinner.Crm, SyncedZoe, notes: null, Zoe);

        Assert.Equal(Unlinked, pair.Run());
        pair.Run();

        Assert.Null(profile == SyncDirection.NotesToCrm ? pair.Crm : pair.Notes);
    }

    [Theory]
    [InlineData(SyncSide.Notes)]
    [InlineData(SyncSide.Crm)]
    public void A_linked_side_passed_as_absent_is_refused_rather_than_read_as_a_deletion(SyncSide absentSide)
    {
        var (notes, crm) = Arrange(absentSide, SideState.Absent, Present(Zoe));

        Assert.Throws<ArgumentException>(() => Decide(notes, crm, LinkOf(Zoe), TwoWay, ConflictWinner.Crm));
    }
}
