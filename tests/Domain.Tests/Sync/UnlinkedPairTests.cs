using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class UnlinkedPairTests
{
    public static TheoryData<SyncDirection, ConflictWinner> Profiles => EveryProfile();

    [Theory]
    [InlineData(SyncDirection.TwoWay, true)]
    [InlineData(SyncDirection.NotesToCrm, true)]
    [InlineData(SyncDirection.CrmToNotes, false)]
    public void A_new_Notes_item_is_created_in_the_CRM_only_when_the_profile_writes_the_CRM(
        SyncDirection direction, bool created)
    {
        var item = Decide(Present(Zoe), SideState.Absent, link: null, direction, ConflictWinner.Crm);

        if (created) Assert.Same(Zoe, Assert.IsType<SyncPlanItem.CreateInCrm>(item).Fields);
        else Assert.Equal(new SyncPlanItem.Skip(SkipReason.DirectionForbids), item);
    }

    [Theory]
    [InlineData(SyncDirection.TwoWay, true)]
    [InlineData(SyncDirection.CrmToNotes, true)]
    [InlineData(SyncDirection.NotesToCrm, false)]
    public void A_new_CRM_record_is_created_in_Notes_only_when_the_profile_writes_Notes(
        SyncDirection direction, bool created)
    {
        var item = Decide(SideState.Absent, Present(Zoe), link: null, direction, ConflictWinner.Notes);

        if (created) Assert.Same(Zoe, Assert.IsType<SyncPlanItem.CreateInNotes>(item).Fields);
        else Assert.Equal(new SyncPlanItem.Skip(SkipReason.DirectionForbids), item);
    }

    [Fact]
    public void A_created_record_is_linked_with_the_same_version_on_both_sides()
    {
        var create = Assert.IsType<SyncPlanItem.CreateInCrm>(
            Decide(Present(Zoe), SideState.Absent, link: null, SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.Same(create.Synced.Notes, create.Synced.Crm);
        Assert.Same(Zoe, create.Synced.Notes);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Nothing_on_either_side_without_a_link_is_skipped_as_both_gone(SyncDirection direction, ConflictWinner winner)
    {
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.BothGone),
            Decide(SideState.Absent, SideState.Absent, link: null, direction, winner));
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.BothGone),
            Decide(SideState.Deleted, SideState.Absent, link: null, direction, winner));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_first_match_with_identical_values_is_linked_without_any_write(SyncDirection direction, ConflictWinner winner)
    {
        var item = Decide(Present(Zoe), Present(Zoe.With("lastName", " Dupont ")), link: null, direction, winner);

        var update = Assert.IsType<SyncPlanItem.Update>(item);
        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.Equal(Zoe.Keys.Order(), update.Synced.Notes.Keys.Order());
    }

    // A first match has no base: an empty side is filled from the other without conflict, two different values
    // conflict and the winner decides; writes go only where the profile allows.
    public static TheoryData<SyncDirection, ConflictWinner, string?, string?, string?, string?, bool> FirstMatchFields()
    {
        var data = new TheoryData<SyncDirection, ConflictWinner, string?, string?, string?, string?, bool>();
        foreach (var direction in Directions)
        {
            foreach (var winner in Winners)
            {
                var crmWritable = Writes(direction, SyncSide.Crm);
                var notesWritable = Writes(direction, SyncSide.Notes);
                // notes, crm → written to the CRM, written to Notes, conflict
                data.Add(direction, winner, "+33 1 23 45 67 89", null, crmWritable ? "+33 1 23 45 67 89" : null, null, false);
                data.Add(direction, winner, null, "+33 1 23 45 67 89", null, notesWritable ? "+33 1 23 45 67 89" : null, false);
                data.Add(direction, winner, "   ", "+33 1 23 45 67 89", null, notesWritable ? "+33 1 23 45 67 89" : null, false);
                data.Add(direction, winner, "東京 ", "", crmWritable ? "東京 " : null, null, false);
                data.Add(direction, winner, "+33 1 23 45 67 89", " +33 1 23 45 67 89 ", null, null, false);
                data.Add(direction, winner, "+33 1 23 45 67 89", "+33 6 00 00 00 01",
                    winner == ConflictWinner.Notes && crmWritable ? "+33 1 23 45 67 89" : null,
                    winner == ConflictWinner.Crm && notesWritable ? "+33 6 00 00 00 01" : null,
                    true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FirstMatchFields))]
    public void A_first_match_fills_empty_fields_from_the_other_side_and_lets_the_winner_settle_differences(
        SyncDirection direction, ConflictWinner winner, string? notesPhone, string? crmPhone,
        string? writtenToCrm, string? writtenToNotes, bool conflict)
    {
        var item = Decide(Present(Zoe.With("phone", notesPhone)), Present(Zoe.With("phone", crmPhone)), link: null,
            direction, winner);

        var update = Assert.IsType<SyncPlanItem.Update>(item);
        AssertWrite(update.ToCrm, writtenToCrm);
        AssertWrite(update.ToNotes, writtenToNotes);
        if (conflict)
            Assert.Equal([new ConflictField("phone", notesPhone, crmPhone)], update.Conflicts);
        else
            Assert.Empty(update.Conflicts);
        Assert.Equal(writtenToCrm ?? crmPhone, update.Synced.Crm["phone"]);
        Assert.Equal(writtenToNotes ?? notesPhone, update.Synced.Notes["phone"]);
    }

    [Fact]
    public void A_first_match_fills_a_field_only_one_side_knows_of()
    {
        var notes = Zoe.With("title", "Directrice commerciale");

        var update = Assert.IsType<SyncPlanItem.Update>(
            Decide(Present(notes), Present(Zoe), link: null, SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.Equal(Fields(("title", "Directrice commerciale")), update.ToCrm);
        Assert.Empty(update.ToNotes);
    }

    private static void AssertWrite(IReadOnlyDictionary<string, string?> writes, string? expected)
    {
        if (expected is null) Assert.Empty(writes);
        else Assert.Equal(Fields(("phone", expected)), writes);
    }
}
