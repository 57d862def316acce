using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class DeletionTests
{
    public static TheoryData<SyncDirection, ConflictWinner> Profiles => EveryProfile();

    public enum Expected
    {
        DeleteOnSurvivor,
        RecreateOnDeleted,
        Unlink,
    }

    public static TheoryData<SyncDirection, ConflictWinner, SyncSide, bool, Expected> Deletions()
    {
        var data = new TheoryData<SyncDirection, ConflictWinner, SyncSide, bool, Expected>();
        foreach (var direction in Directions)
        {
            foreach (var winner in Winners)
            {
                foreach (var deleted in new[] { SyncSide.Notes, SyncSide.Crm })
                {
                    var survivor = deleted.Other();
                    data.Add(direction, winner, deleted, false,
                        Writes(direction, survivor) ? Expected.DeleteOnSurvivor : Expected.Unlink);
                    data.Add(direction, winner, deleted, true,
                        Writes(direction, deleted) ? Expected.RecreateOnDeleted : Expected.Unlink);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Deletions))]
    public void A_deletion_propagates_to_an_unchanged_counterpart_and_loses_to_an_edit_as_the_direction_allows(
        SyncDirection direction, ConflictWinner winner, SyncSide deleted, bool survivorChanged, Expected expected)
    {
        var survivorFields = survivorChanged ? Zoe.With("email", "zoe.dupont@acme.example") : Zoe;
        var (notes, crm) = Arrange(deleted, SideState.Deleted, Present(survivorFields));

        var item = Decide(notes, crm, LinkOf(Zoe), direction, winner);

        switch (expected)
        {
            case Expected.DeleteOnSurvivor when deleted == SyncSide.Notes:
                Assert.IsType<SyncPlanItem.DeleteInCrm>(item);
                break;
            case Expected.DeleteOnSurvivor:
                Assert.IsType<SyncPlanItem.DeleteInNotes>(item);
                break;
            case Expected.RecreateOnDeleted when deleted == SyncSide.Notes:
                Assert.Same(survivorFields, Assert.IsType<SyncPlanItem.CreateInNotes>(item).Fields);
                break;
            case Expected.RecreateOnDeleted:
                Assert.Same(survivorFields, Assert.IsType<SyncPlanItem.CreateInCrm>(item).Fields);
                break;
            default:
                Assert.IsType<SyncPlanItem.Unlink>(item);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_deleted_side_is_never_deleted_again(SyncDirection direction, ConflictWinner winner)
    {
        foreach (var survivor in new[] { Zoe, Zoe.With("email", "zoe.dupont@acme.example") })
        {
            Assert.IsNotType<SyncPlanItem.DeleteInNotes>(
                Decide(SideState.Deleted, Present(survivor), LinkOf(Zoe), direction, winner));
            Assert.IsNotType<SyncPlanItem.DeleteInCrm>(
                Decide(Present(survivor), SideState.Deleted, LinkOf(Zoe), direction, winner));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_pair_deleted_on_both_sides_is_unlinked(SyncDirection direction, ConflictWinner winner)
    {
        var item = Decide(SideState.Deleted, SideState.Deleted, LinkOf(Zoe), direction, winner);

        Assert.IsType<SyncPlanItem.Unlink>(item);
    }

    [Fact]
    public void White_space_added_to_the_counterpart_does_not_save_it_from_a_deletion()
    {
        var item = Decide(SideState.Deleted, Present(Zoe.With("lastName", "Dupont  ")), LinkOf(Zoe),
            SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.IsType<SyncPlanItem.DeleteInCrm>(item);
    }

    [Theory]
    [InlineData(SyncDirection.NotesToCrm, SyncSide.Notes)]
    [InlineData(SyncDirection.CrmToNotes, SyncSide.Crm)]
    public void A_target_holding_values_a_one_way_profile_never_carried_back_is_unlinked_not_deleted(
        SyncDirection direction, SyncSide source)
    {
        var keptOnTarget = Zoe.With("phone", "+33 6 22 22 22 22");
        var link = LinkOf(source == SyncSide.Notes ? new SyncedVersion(Zoe, keptOnTarget) : new SyncedVersion(keptOnTarget, Zoe));
        var (notes, crm) = Arrange(source, SideState.Deleted, Present(keptOnTarget));

        var item = Decide(notes, crm, link, direction, ConflictWinner.Notes);

        Assert.IsType<SyncPlanItem.Unlink>(item);
    }

    [Theory]
    [InlineData(SyncSide.Notes)]
    [InlineData(SyncSide.Crm)]
    public void A_linked_side_passed_as_absent_is_refused_rather_than_read_as_a_deletion(SyncSide absentSide)
    {
        var (notes, crm) = Arrange(absentSide, SideState.Absent, Present(Zoe));

        Assert.Throws<ArgumentException>(() => Decide(notes, crm, LinkOf(Zoe), SyncDirection.TwoWay, ConflictWinner.Crm));
    }

    [Theory]
    [InlineData(SyncDirection.TwoWay, SyncSide.Crm)]
    [InlineData(SyncDirection.TwoWay, SyncSide.Notes)]
    [InlineData(SyncDirection.NotesToCrm, SyncSide.Crm)]
    [InlineData(SyncDirection.CrmToNotes, SyncSide.Notes)]
    public void A_record_recreated_because_its_counterpart_was_edited_is_relinked_and_unchanged_on_the_next_run(
        SyncDirection direction, SyncSide deleted)
    {
        var pair = PairSimulation.Linked(direction, ConflictWinner.Crm, Zoe);
        if (deleted == SyncSide.Crm)
        {
            pair.DeleteCrm();
            pair.EditNotes("email", "zoe.dupont@acme.example");
        }
        else
        {
            pair.DeleteNotes();
            pair.EditCrm("email", "zoe.dupont@acme.example");
        }

        var first = pair.Run();
        var second = pair.Run();

        Assert.IsType(deleted == SyncSide.Crm ? typeof(SyncPlanItem.CreateInCrm) : typeof(SyncPlanItem.CreateInNotes), first);
        Assert.Equal("zoe.dupont@acme.example", (deleted == SyncSide.Crm ? pair.Crm : pair.Notes)!["email"]);
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), second);
    }
}
