using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class OneWayProfileTests
{
    // A one-way profile: the side it reads from ("source") and the side it writes to ("target").
    public static TheoryData<SyncDirection, ConflictWinner, SyncSide> OneWayProfiles()
    {
        var data = new TheoryData<SyncDirection, ConflictWinner, SyncSide>();
        foreach (var winner in Winners)
        {
            data.Add(SyncDirection.NotesToCrm, winner, SyncSide.Notes);
            data.Add(SyncDirection.CrmToNotes, winner, SyncSide.Crm);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void A_change_made_only_on_the_source_is_carried_to_the_target(
        SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var (notes, crm) = Arrange(source, Present(Zoe.With("phone", "+33 6 00 00 00 01")), Present(Zoe));

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(notes, crm, LinkOf(Zoe), direction, winner));

        Assert.Equal(Fields(("phone", "+33 6 00 00 00 01")), source == SyncSide.Notes ? update.ToCrm : update.ToNotes);
        Assert.Empty(source == SyncSide.Notes ? update.ToNotes : update.ToCrm);
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void A_change_made_only_on_the_target_is_left_alone_and_the_link_remembers_each_sides_value(
        SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var target = source.Other();
        var (notes, crm) = Arrange(target, Present(Zoe.With("phone", "+33 6 00 00 00 01")), Present(Zoe));

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(notes, crm, LinkOf(Zoe), direction, winner));

        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.Equal("+33 6 00 00 00 01", (target == SyncSide.Notes ? update.Synced.Notes : update.Synced.Crm)["phone"]);
        Assert.Equal("+33 1 23 45 67 89", (source == SyncSide.Notes ? update.Synced.Notes : update.Synced.Crm)["phone"]);
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void A_conflict_is_still_settled_by_the_winner_and_the_losing_value_is_logged_even_when_nothing_can_be_written(
        SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var (notes, crm) = Arrange(source, Present(Zoe.With("lastName", "Source")), Present(Zoe.With("lastName", "Target")));

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(notes, crm, LinkOf(Zoe), direction, winner));

        var conflict = Assert.Single(update.Conflicts);
        Assert.Equal(("Source", "Target"),
            source == SyncSide.Notes ? (conflict.NotesValue, conflict.CrmValue) : (conflict.CrmValue, conflict.NotesValue));
        var toTarget = source == SyncSide.Notes ? update.ToCrm : update.ToNotes;
        if (SideOf(winner) == source)
            Assert.Equal(Fields(("lastName", "Source")), toTarget);
        else
            Assert.True(update.WritesNothing, "the winning target's value would have to be written to the source");
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void A_later_source_edit_overwrites_a_value_the_target_kept_only_as_a_logged_conflict(
        SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var target = source.Other();
        var pair = PairSimulation.Linked(direction, winner, Zoe);
        Edit(pair, target, "phone", "+33 6 22 22 22 22");
        Assert.True(Assert.IsType<SyncPlanItem.Update>(pair.Run()).WritesNothing);

        Edit(pair, source, "phone", "+33 6 33 33 33 33");
        var update = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        var conflict = Assert.Single(update.Conflicts);
        Assert.Equal("phone", conflict.Name);
        Assert.Equal("+33 6 22 22 22 22", target == SyncSide.Crm ? conflict.CrmValue : conflict.NotesValue);
        Assert.Equal(SideOf(winner) == source ? "+33 6 33 33 33 33" : "+33 6 22 22 22 22", ValueOn(pair, target, "phone"));
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), pair.Run());
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void Further_edits_on_the_target_stay_left_alone(SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var target = source.Other();
        var pair = PairSimulation.Linked(direction, winner, Zoe);
        Edit(pair, target, "phone", "+33 6 22 22 22 22");
        pair.Run();

        Edit(pair, target, "phone", "+33 6 44 44 44 44");
        var update = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.Equal("+33 6 44 44 44 44", ValueOn(pair, target, "phone"));
        Assert.Equal("+33 1 23 45 67 89", ValueOn(pair, source, "phone"));
    }

    [Theory]
    [MemberData(nameof(OneWayProfiles))]
    public void Sides_left_apart_that_someone_brings_together_again_agree_once_more(
        SyncDirection direction, ConflictWinner winner, SyncSide source)
    {
        var target = source.Other();
        var pair = PairSimulation.Linked(direction, winner, Zoe);
        Edit(pair, target, "phone", "+33 6 22 22 22 22");
        pair.Run();

        Edit(pair, source, "phone", "+33 6 22 22 22 22");
        var update = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.DoesNotContain('/', pair.Link!.Fingerprints["phone"]);
    }

    [Theory]
    [InlineData(SyncDirection.NotesToCrm)]
    [InlineData(SyncDirection.CrmToNotes)]
    public void A_two_way_profile_that_was_one_way_merges_a_later_edit_against_the_kept_value_as_a_conflict(
        SyncDirection before)
    {
        // Left apart by the one-way profile, then the user switched to two-way.
        var synced = before == SyncDirection.NotesToCrm
            ? new SyncedVersion(Zoe, Zoe.With("phone", "+33 6 22 22 22 22"))
            : new SyncedVersion(Zoe.With("phone", "+33 6 22 22 22 22"), Zoe);
        var notes = Present(synced.Notes.With("phone", "+33 6 55 55 55 55"));

        var update = Assert.IsType<SyncPlanItem.Update>(
            Decide(notes, Present(synced.Crm), LinkOf(synced), SyncDirection.TwoWay, ConflictWinner.Crm));

        var conflict = Assert.Single(update.Conflicts);
        Assert.Equal("+33 6 55 55 55 55", conflict.NotesValue);
        Assert.Equal(synced.Crm["phone"], update.ToNotes["phone"]);
    }

    private static void Edit(PairSimulation pair, SyncSide side, string field, string? value)
    {
        if (side == SyncSide.Notes) pair.EditNotes(field, value);
        else pair.EditCrm(field, value);
    }

    private static string? ValueOn(PairSimulation pair, SyncSide side, string field) =>
        (side == SyncSide.Notes ? pair.Notes : pair.Crm)![field];
}
