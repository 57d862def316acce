using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class PrivacyAndRangeTests
{
    public static TheoryData<SyncDirection, ConflictWinner, SyncSide> Profiles => EveryProfileAndSide();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_private_item_without_a_counterpart_is_never_created_on_the_other_side(
        SyncDirection direction, ConflictWinner winner, SyncSide privateSide)
    {
        var (notes, crm) = Arrange(privateSide, SideState.Present(Zoe, isPrivate: true), SideState.Absent);

        var item = Decide(notes, crm, link: null, direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Private), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_first_match_with_one_private_side_writes_nothing_to_either_side_and_is_not_linked(
        SyncDirection direction, ConflictWinner winner, SyncSide privateSide)
    {
        var (notes, crm) = Arrange(privateSide,
            SideState.Present(Zoe.With("phone", "+33 6 00 00 00 01"), isPrivate: true),
            Present(Zoe.With("phone", null)));

        var item = Decide(notes, crm, link: null, direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Private), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void An_item_that_turned_private_after_linking_stops_syncing_and_keeps_the_link_untouched(
        SyncDirection direction, ConflictWinner winner, SyncSide privateSide)
    {
        var link = LinkOf(Zoe);
        var fingerprintsBefore = link.Fingerprints.ToDictionary();
        var versionBefore = link.Version;
        // Both sides changed since, so anything but privacy would write somewhere.
        var (notes, crm) = Arrange(privateSide,
            SideState.Present(Zoe.With("phone", "+33 6 00 00 00 01"), isPrivate: true),
            Present(Zoe.With("email", "zoe.dupont@acme.example")));

        var item = Decide(notes, crm, link, direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Private), item);
        Assert.Equal(fingerprintsBefore, link.Fingerprints);
        Assert.Equal(versionBefore, link.Version);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void An_item_that_turned_private_is_not_deleted_when_its_counterpart_was(
        SyncDirection direction, ConflictWinner winner, SyncSide privateSide)
    {
        var (notes, crm) = Arrange(privateSide, SideState.Present(Zoe, isPrivate: true), SideState.Deleted);

        var item = Decide(notes, crm, LinkOf(Zoe), direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Private), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Privacy_wins_over_an_event_being_out_of_range(
        SyncDirection direction, ConflictWinner winner, SyncSide privateSide)
    {
        var (notes, crm) = Arrange(privateSide,
            SideState.Present(Zoe, isPrivate: true), SideState.Present(Zoe, isOutOfRange: true));

        var item = Decide(notes, crm, LinkOf(Zoe), direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Private), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void An_event_out_of_range_without_a_counterpart_is_not_created(
        SyncDirection direction, ConflictWinner winner, SyncSide outOfRangeSide)
    {
        var (notes, crm) = Arrange(outOfRangeSide, SideState.Present(Zoe, isOutOfRange: true), SideState.Absent);

        var item = Decide(notes, crm, link: null, direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.OutOfRange), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_linked_event_out_of_range_is_neither_updated_nor_deleted(
        SyncDirection direction, ConflictWinner winner, SyncSide outOfRangeSide)
    {
        var link = LinkOf(Zoe);
        var edited = SideState.Present(Zoe.With("lastName", "Durand"), isOutOfRange: true);

        var whenOtherChanged = Arrange(outOfRangeSide, edited, Present(Zoe.With("email", "zd@acme.example")));
        var whenOtherDeleted = Arrange(outOfRangeSide, edited, SideState.Deleted);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.OutOfRange),
            Decide(whenOtherChanged.Notes, whenOtherChanged.Crm, link, direction, winner));
        Assert.Equal(new SyncPlanItem.Skip(SkipReason.OutOfRange),
            Decide(whenOtherDeleted.Notes, whenOtherDeleted.Crm, link, direction, winner));
    }
}
