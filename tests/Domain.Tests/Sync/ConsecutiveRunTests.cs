using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// Several runs over one pair kept in memory, with edits in between: each run's writes are applied and the pair
/// re-linked with the fingerprints the decision returned, as the engine does. That a second run with nothing changed
/// finds nothing to do is checked by every situation of the other tables; these are the longer stories.
/// </summary>
public class ConsecutiveRunTests
{
    private static readonly SyncPlanItem NothingToDo = new SyncPlanItem.Skip(SkipReason.Unchanged);

    [Fact]
    public void A_one_way_profile_where_the_CRM_wins_settles_every_run_of_a_long_story()
    {
        var pair = PairSimulation.Linked(SyncDirection.NotesToCrm, ConflictWinner.Crm, Zoe);

        pair.EditCrm("phone", "+33 6 22 22 22 22");
        Assert.True(Assert.IsType<SyncPlanItem.Update>(pair.Run()).WritesNothing);
        Assert.Equal(NothingToDo, pair.Run());

        pair.EditNotes("email", "zoe.dupont@acme.example");
        Assert.Equal(Fields(("email", "zoe.dupont@acme.example")), Assert.IsType<SyncPlanItem.Update>(pair.Run()).ToCrm);
        Assert.Equal(NothingToDo, pair.Run());

        pair.EditNotes("phone", "+33 6 33 33 33 33");
        var conflict = Assert.IsType<SyncPlanItem.Update>(pair.Run());
        Assert.True(conflict.WritesNothing);
        Assert.Equal([new ConflictField("phone", "+33 6 33 33 33 33", "+33 6 22 22 22 22")], conflict.Conflicts);
        Assert.Equal(NothingToDo, pair.Run());

        Assert.Equal(0, pair.WritesToNotes);
        Assert.Equal(SyncSide.Crm, Assert.Single(pair.ConflictLog).Winner);
        Assert.Equal(Fields(("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe.dupont@acme.example"),
            ("phone", "+33 6 22 22 22 22")), pair.Crm);
        Assert.Equal(Fields(("firstName", "Zoë"), ("lastName", "Dupont"), ("email", "zoe.dupont@acme.example"),
            ("phone", "+33 6 33 33 33 33")), pair.Notes);
    }

    [Fact]
    public void Sides_left_apart_and_brought_together_again_carry_the_next_change_plainly()
    {
        var pair = PairSimulation.Linked(SyncDirection.NotesToCrm, ConflictWinner.Crm, Zoe);
        pair.EditCrm("phone", "+33 6 22 22 22 22");
        pair.Run();
        pair.EditNotes("phone", "+33 6 22 22 22 22");
        pair.Run();

        pair.EditNotes("phone", "+33 6 44 44 44 44");
        var update = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        // Still apart, this change would be a conflict the CRM wins, and nothing would be written.
        Assert.Equal(Fields(("phone", "+33 6 44 44 44 44")), update.ToCrm);
        Assert.Empty(update.Conflicts);
        Assert.Empty(pair.ConflictLog);
        Assert.Equal("+33 6 44 44 44 44", pair.Crm!["phone"]);
    }

    [Fact]
    public void A_first_match_with_gaps_and_differences_is_settled_in_one_run()
    {
        var notes = Fields(("firstName", "Zoë"), ("lastName", "Dupont"), ("phone", "+33 1 23 45 67 89"));
        var crm = Fields(("firstName", "Zoë"), ("lastName", "Durand"), ("title", "Directrice"));
        var pair = PairSimulation.Unlinked(SyncDirection.TwoWay, ConflictWinner.Crm, notes, crm);

        var first = Assert.IsType<SyncPlanItem.Update>(pair.Run());

        Assert.Equal(Fields(("phone", "+33 1 23 45 67 89")), first.ToCrm);
        Assert.Equal(Fields(("lastName", "Durand"), ("title", "Directrice")), first.ToNotes);
        Assert.Equal([new ConflictField("lastName", "Dupont", "Durand")], Assert.Single(pair.ConflictLog).Fields);
        var both = Fields(
            ("firstName", "Zoë"), ("lastName", "Durand"), ("phone", "+33 1 23 45 67 89"), ("title", "Directrice"));
        Assert.Equal(both, pair.Notes);
        Assert.Equal(both, pair.Crm);
        Assert.Equal(NothingToDo, pair.Run());
    }
}
