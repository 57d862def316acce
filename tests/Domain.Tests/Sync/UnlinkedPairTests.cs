using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.FieldOutcome;
using static NotesSync.Domain.Tests.Sync.FieldSituation;
using static NotesSync.Domain.Tests.Sync.LastSync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>Pairs NotesSync never linked: a record on one side only, or a first match of two records.</summary>
public class UnlinkedPairTests
{
    private sealed record OneSide(
        SyncDirection Profile, bool InNotes, bool InCrm, SyncPlanItem Decision, SyncPlanItem NextRun);

    private static readonly SyncPlanItem NothingToDo = new SyncPlanItem.Skip(SkipReason.Unchanged);
    private static readonly SyncPlanItem LeftAlone = new SyncPlanItem.Skip(SkipReason.DirectionForbids);
    private static readonly SyncPlanItem BothGone = new SyncPlanItem.Skip(SkipReason.BothGone);

    // The decision, and what the next run decides with nothing changed in between.
    private static readonly Dictionary<string, OneSide> OneSideOnly = new()
    {
        ["two-way, a new Notes item: created in the CRM"] =
            new(TwoWay, true, false, new SyncPlanItem.CreateInCrm(Zoe), NothingToDo),
        ["Notes to CRM, a new Notes item: created in the CRM"] =
            new(NotesToCrm, true, false, new SyncPlanItem.CreateInCrm(Zoe), NothingToDo),
        ["CRM to Notes, a new Notes item: left alone"] =
            new(CrmToNotes, true, false, LeftAlone, LeftAlone),
        ["two-way, a new CRM record: created in Notes"] =
            new(TwoWay, false, true, new SyncPlanItem.CreateInNotes(Zoe), NothingToDo),
        ["CRM to Notes, a new CRM record: created in Notes"] =
            new(CrmToNotes, false, true, new SyncPlanItem.CreateInNotes(Zoe), NothingToDo),
        ["Notes to CRM, a new CRM record: left alone"] =
            new(NotesToCrm, false, true, LeftAlone, LeftAlone),
        ["nothing on either side"] =
            new(TwoWay, false, false, BothGone, BothGone),
    };

    public static TheoryData<string> OneSideOnlyNames => new(OneSideOnly.Keys);

    [Theory]
    [MemberData(nameof(OneSideOnlyNames))]
    public void A_record_on_one_side_only_is_created_on_the_other_where_the_profile_writes_and_linked(string situation)
    {
        var (profile, inNotes, inCrm, decision, nextRun) = OneSideOnly[situation];
        var pair = PairSimulation.Unlinked(profile, ConflictWinner.Crm, inNotes ? Zoe : null, inCrm ? Zoe : null);

        AssertDecision(decision, pair.Run());
        AssertDecision(nextRun, pair.Run());
    }

    [Fact]
    public void A_deleted_side_with_no_link_left_is_nothing_to_sync()
    {
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.BothGone),
            Decide(SideState.Deleted, SideState.Absent, link: null, TwoWay, ConflictWinner.Crm));
    }

    [Fact]
    public void A_created_record_is_linked_with_the_same_values_on_both_sides()
    {
        var create = Assert.IsType<SyncPlanItem.CreateInCrm>(
            Decide(Present(Zoe), SideState.Absent, link: null, TwoWay, ConflictWinner.Crm));

        var zoeAsTyped = Fields(
            ("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe@acme.example"), ("phone", "+33 1 23 45 67 89"));
        Assert.Equal(zoeAsTyped, create.Fields);
        Assert.Equal(zoeAsTyped, create.Synced.Notes);
        Assert.Equal(zoeAsTyped, create.Synced.Crm);
    }

    // A first match has no base: an empty side is filled from the other without conflict, two different values
    // conflict and the winner decides; writes go only where the profile allows; the pair is linked even when nothing
    // is written, and the next run finds nothing to do.
    private static readonly Dictionary<string, FieldSituation> FirstMatches = new()
    {
        ["the same value but for white space: linked without a write"] =
            new(TwoWay, ConflictWinner.Crm, FirstMatch, "Dupont", " Dupont ", WritesNothing()),
        ["only Notes has the field: the CRM gets it"] =
            new(TwoWay, ConflictWinner.Crm, FirstMatch, "Dupont", null, Writes(toCrm: LastName("Dupont"))),
        ["only the CRM has the field: Notes gets it"] =
            new(TwoWay, ConflictWinner.Notes, FirstMatch, null, "Dupont", Writes(toNotes: LastName("Dupont"))),
        ["Notes holds only white space: the CRM's value fills it, no conflict"] =
            new(TwoWay, ConflictWinner.Notes, FirstMatch, "   ", "Dupont", Writes(toNotes: LastName("Dupont"))),
        ["the CRM holds an empty value: Notes' value is written as Notes has it, untrimmed"] =
            new(TwoWay, ConflictWinner.Crm, FirstMatch, "Dupont ", "", Writes(toCrm: LastName("Dupont "))),
        ["CRM to Notes, only Notes has a value: nothing written, the CRM stays empty"] =
            new(CrmToNotes, ConflictWinner.Notes, FirstMatch, "Dupont", null, WritesNothing()),
        ["Notes to CRM, only the CRM has a value: nothing written, Notes stays empty"] =
            new(NotesToCrm, ConflictWinner.Crm, FirstMatch, null, "Dupont", WritesNothing()),
        ["the values differ and the CRM wins: Notes gets the CRM's value, Notes' is logged"] =
            new(TwoWay, ConflictWinner.Crm, FirstMatch, "Dupont", "Durand",
                Writes(toNotes: LastName("Durand"), conflict: WonBy(SyncSide.Crm, "Dupont"))),
        ["the values differ and Notes wins: the CRM gets Notes' value, the CRM's is logged"] =
            new(TwoWay, ConflictWinner.Notes, FirstMatch, "Dupont", "Durand",
                Writes(toCrm: LastName("Dupont"), conflict: WonBy(SyncSide.Notes, "Durand"))),
        ["Notes to CRM, the values differ and the CRM wins: nothing written, Notes' value is logged"] =
            new(NotesToCrm, ConflictWinner.Crm, FirstMatch, "Dupont", "Durand",
                WritesNothing(conflict: WonBy(SyncSide.Crm, "Dupont"))),
    };

    public static TheoryData<string> FirstMatchNames => new(FirstMatches.Keys);

    [Theory]
    [MemberData(nameof(FirstMatchNames))]
    public void A_first_match_fills_empty_fields_from_the_other_side_and_lets_the_winner_settle_differences(
        string situation) =>
        FirstMatches[situation].Check();
}
