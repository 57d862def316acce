using NotesSync.Domain.Profiles;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Profiles.SyncDirection;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// Privacy comes before everything, deletions included, and an event out of range is left alone on both sides. Each
/// situation is one where, but for privacy or range, the profile would write or delete something.
/// </summary>
public class PrivacyAndRangeTests
{
    private static readonly IReadOnlyDictionary<string, string?> ZoeNewPhone = Zoe.With("phone", "+33 6 00 00 00 01");
    private static readonly IReadOnlyDictionary<string, string?> ZoeNewEmail = Zoe.With("email", "zoe.dupont@acme.example");

    private static readonly SideState PrivateZoe = SideState.Present(Zoe, isPrivate: true);
    private static readonly SideState PrivateZoeNewPhone = SideState.Present(ZoeNewPhone, isPrivate: true);
    private static readonly SideState OutOfRangeZoe = SideState.Present(Zoe, isOutOfRange: true);
    private static readonly SideState OutOfRangeZoeNewPhone = SideState.Present(ZoeNewPhone, isOutOfRange: true);

    /// <param name="Linked">Whether a link to <see cref="Pairs.Zoe"/> exists (so an absent side is a deleted one).</param>
    private sealed record Situation(SyncDirection Profile, SideState Notes, SideState Crm, bool Linked, SkipReason Skipped)
    {
        /// <summary>A linked pair that turned private stops syncing (its link goes); anything else is skipped.</summary>
        public SyncPlanItem Expected => Linked && Skipped == SkipReason.Private
            ? new SyncPlanItem.StopSyncing(SkipReason.Private)
            : new SyncPlanItem.Skip(Skipped);
    }

    private static readonly Dictionary<string, Situation> Situations = new()
    {
        ["a private Notes item is not created in the CRM"] =
            new(NotesToCrm, PrivateZoe, SideState.Absent, false, SkipReason.Private),
        ["a private CRM record is not created in Notes"] =
            new(CrmToNotes, SideState.Absent, PrivateZoe, false, SkipReason.Private),
        ["a first match with a private Notes item: nothing filled in on either side, not linked"] =
            new(TwoWay, PrivateZoe, Present(Zoe.Without("phone")), false, SkipReason.Private),
        ["a first match with a private CRM record: nothing filled in on either side, not linked"] =
            new(TwoWay, Present(Zoe.Without("phone")), PrivateZoe, false, SkipReason.Private),
        ["a Notes item that turned private after linking: neither side's change is carried"] =
            new(TwoWay, PrivateZoeNewPhone, Present(ZoeNewEmail), true, SkipReason.Private),
        ["a CRM record that turned private after linking: neither side's change is carried"] =
            new(TwoWay, Present(ZoeNewEmail), PrivateZoeNewPhone, true, SkipReason.Private),
        ["a private Notes item whose CRM record was deleted: not deleted"] =
            new(TwoWay, PrivateZoe, SideState.Deleted, true, SkipReason.Private),
        ["a private CRM record whose Notes item was deleted: not deleted"] =
            new(TwoWay, SideState.Deleted, PrivateZoe, true, SkipReason.Private),
        ["a private Notes item beside a CRM event out of range: skipped as private"] =
            new(TwoWay, PrivateZoeNewPhone, OutOfRangeZoe, true, SkipReason.Private),
        ["a Notes event out of range beside a private CRM record: skipped as private"] =
            new(TwoWay, OutOfRangeZoe, PrivateZoeNewPhone, true, SkipReason.Private),

        ["a Notes event out of range is not created in the CRM"] =
            new(NotesToCrm, OutOfRangeZoe, SideState.Absent, false, SkipReason.OutOfRange),
        ["a CRM event out of range is not created in Notes"] =
            new(CrmToNotes, SideState.Absent, OutOfRangeZoe, false, SkipReason.OutOfRange),
        ["a linked Notes event now out of range: neither side's change is carried"] =
            new(TwoWay, OutOfRangeZoeNewPhone, Present(ZoeNewEmail), true, SkipReason.OutOfRange),
        ["a linked CRM event now out of range whose Notes event was deleted: not deleted"] =
            new(TwoWay, SideState.Deleted, OutOfRangeZoe, true, SkipReason.OutOfRange),
    };

    public static TheoryData<string> SituationNames => new(Situations.Keys);

    [Theory]
    [MemberData(nameof(SituationNames))]
    public void A_private_item_or_an_event_out_of_range_has_nothing_written_or_deleted_and_a_linked_private_one_stops_syncing(
        string situation)
    {
        var (profile, notes, crm, linked, _) = Situations[situation];

        var item = Decide(notes, crm, linked ? LinkOf(Zoe) : null, profile, ConflictWinner.Crm);

        Assert.Equal(Situations[situation].Expected, item);
    }
}
