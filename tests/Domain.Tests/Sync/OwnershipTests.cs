using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// A user syncs the CRM records they own: a colleague's record is never written, matched or deleted. Each situation
/// is one where, were the record the user's, the profile would write or delete something.
/// </summary>
public class OwnershipTests
{
    private static readonly IReadOnlyDictionary<string, string?> ZoeNewPhone = Zoe.With("phone", "+33 6 00 00 00 01");

    private sealed record Situation(SyncDirection Profile, SideState Notes, bool Linked, SyncPlanItem Expected);

    private static readonly Dictionary<string, Situation> Situations = new()
    {
        ["a Notes contact a colleague's CRM contact stands for is not created"] =
            new(NotesToCrm, Present(Zoe), false, new SyncPlanItem.Skip(SkipReason.OwnedByColleague)),
        ["a first match with a colleague's record: nothing filled in, not linked"] =
            new(TwoWay, Present(Zoe.Without("phone")), false, new SyncPlanItem.Skip(SkipReason.OwnedByColleague)),
        ["a linked record handed to a colleague stops syncing: the user's Notes change is not carried"] =
            new(TwoWay, Present(ZoeNewPhone), true, new SyncPlanItem.StopSyncing(SkipReason.OwnedByColleague)),
        ["a linked record handed to a colleague whose Notes copy was not read this run: stops syncing"] =
            new(TwoWay, SideState.Unread, true, new SyncPlanItem.StopSyncing(SkipReason.OwnedByColleague)),
        ["a linked record handed to a colleague whose Notes copy was deleted: the colleague's record is not deleted"] =
            new(TwoWay, SideState.Deleted, true, new SyncPlanItem.StopSyncing(SkipReason.OwnedByColleague)),
        ["a private Notes contact a colleague's contact stands for: skipped as private, its e-mail never reported"] =
            new(NotesToCrm, SideState.Present(Zoe, isPrivate: true), false, new SyncPlanItem.Skip(SkipReason.Private)),
    };

    public static TheoryData<string> SituationNames => new(Situations.Keys);

    [Theory]
    [MemberData(nameof(SituationNames))]
    public void A_colleagues_record_is_never_written_or_deleted_and_a_linked_one_stops_syncing(string situation)
    {
        var (profile, notes, linked, expected) = Situations[situation];

        var item = Decide(notes, SideState.OwnedByColleague, linked ? LinkOf(Zoe) : null, profile, ConflictWinner.Notes);

        Assert.Equal(expected, item);
    }

    [Fact]
    public void Items_left_to_a_colleague_are_counted_apart_from_the_private_and_the_unchanged()
    {
        var counts = new SyncPlanItem.StopSyncing(SkipReason.OwnedByColleague)
            .CountInto(new SyncPlanItem.Skip(SkipReason.OwnedByColleague).CountInto(ModuleCounts.Empty));

        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(), SkippedOwnedByColleague: 2), counts);
    }
}
