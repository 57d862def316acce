using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;

namespace NotesSync.Domain.Tests.Sync;

/// <summary>
/// The rules the engine once decided on its own, now in the domain: the mass-deletion guard, nothing decided on half
/// the facts, and deciding again after a write found its target changed (Notes 412, Zoho ALREADY_MODIFIED) or just
/// before a deletion. Every expectation is written out.
/// </summary>
public class EngineRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Zoe(string phone = "+33 1 11 11 11 11", string lastName = "Martin") =>
        new() { ["firstName"] = "Zoé", ["lastName"] = lastName, ["phone"] = phone };

    private static RecordLink LinkOfZoe() =>
        RecordLink.Link("org-1", "u1", SyncModule.Contacts, "UNID1", "crm1", Zoe(), Now, Now, Now);

    [Theory]
    [InlineData(9, 9, false)]   // too few links for a share to mean anything: a small address book may empty itself
    [InlineData(10, 5, false)]  // exactly half is still mirrored
    [InlineData(10, 6, true)]   // just past half stops the module
    [InlineData(200, 100, false)]
    [InlineData(200, 101, true)]
    [InlineData(10, 0, false)]
    public void A_side_reporting_more_than_half_of_the_links_gone_stops_the_module(int linked, int deleted, bool stops) =>
        Assert.Equal(stops, MassDeletionGuard.Stops(linked, deleted));

    [Fact]
    public void A_linked_pair_whose_other_side_was_not_read_writes_nothing()
    {
        var notesEdited = SideState.Present(Zoe(phone: "+33 6 00 00 00 00"));

        var item = SyncDecision.Decide(notesEdited, SideState.Unread, LinkOfZoe(), SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Fact]
    public void An_unread_side_deleted_on_the_other_is_not_deleted_either()
    {
        var item = SyncDecision.Decide(SideState.Unread, SideState.Deleted, LinkOfZoe(), SyncDirection.TwoWay, ConflictWinner.Notes);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Fact]
    public void After_a_412_the_notes_edit_that_beat_the_write_is_merged_and_goes_to_the_crm()
    {
        // Planned: the CRM changed the phone. Meanwhile Notes changed the last name.
        var link = LinkOfZoe();
        var crm = SideState.Present(Zoe(phone: "+33 6 22 22 22 22"));
        var planned = SyncDecision.Decide(SideState.Present(Zoe()), crm, link, SyncDirection.TwoWay, ConflictWinner.Crm);
        var notesNow = SideState.Present(Zoe(lastName: "Martin-Durand"));

        var again = Assert.IsType<SyncPlanItem.Update>(
            SyncDecision.Redecide(planned, notesNow, crm, link, SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.Equal(new Dictionary<string, string?> { ["phone"] = "+33 6 22 22 22 22" }, again.ToNotes);
        Assert.Equal(new Dictionary<string, string?> { ["lastName"] = "Martin-Durand" }, again.ToCrm);
        Assert.Empty(again.Conflicts);
    }

    [Fact]
    public void After_a_412_on_the_same_field_the_winner_decides_and_the_loser_is_logged()
    {
        var link = LinkOfZoe();
        var crm = SideState.Present(Zoe(phone: "+33 6 22 22 22 22"));
        var planned = SyncDecision.Decide(SideState.Present(Zoe()), crm, link, SyncDirection.TwoWay, ConflictWinner.Crm);
        var notesNow = SideState.Present(Zoe(phone: "+33 7 77 77 77 77"));

        var again = Assert.IsType<SyncPlanItem.Update>(
            SyncDecision.Redecide(planned, notesNow, crm, link, SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.Equal(new Dictionary<string, string?> { ["phone"] = "+33 6 22 22 22 22" }, again.ToNotes);
        Assert.Empty(again.ToCrm);
        Assert.Equal([new ConflictField("phone", "+33 7 77 77 77 77", "+33 6 22 22 22 22")], again.Conflicts);
        Assert.Equal(SyncSide.Crm, again.Winner);
    }

    [Fact]
    public void After_a_412_a_document_that_turned_private_is_left_for_the_next_run()
    {
        var link = LinkOfZoe();
        var crm = SideState.Present(Zoe(phone: "+33 6 22 22 22 22"));
        var planned = SyncDecision.Decide(SideState.Present(Zoe()), crm, link, SyncDirection.TwoWay, ConflictWinner.Crm);

        var again = SyncDecision.Redecide(planned, SideState.Present(Zoe(), isPrivate: true), crm, link,
            SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.ChangedDuringSync), again);
    }

    [Fact]
    public void A_document_still_as_linked_is_deleted_after_its_crm_record_was()
    {
        var link = LinkOfZoe();
        var planned = new SyncPlanItem.DeleteInNotes();

        var again = SyncDecision.Redecide(planned, SideState.Present(Zoe()), SideState.Deleted, link,
            SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.DeleteInNotes(), again);
    }

    [Theory]
    [InlineData("+33 6 00 00 00 00", "Martin")]   // a field edited in Notes
    [InlineData("+33 1 11 11 11 11", "Martin-Durand")]
    public void A_document_edited_since_the_link_is_kept_when_its_crm_record_was_deleted(string phone, string lastName)
    {
        var again = SyncDecision.Redecide(new SyncPlanItem.DeleteInNotes(), SideState.Present(Zoe(phone, lastName)),
            SideState.Deleted, LinkOfZoe(), SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.ChangedDuringSync), again);
    }

    [Fact]
    public void A_field_never_synced_and_still_empty_is_not_an_edit_that_keeps_a_document()
    {
        var withEmptyNewField = new Dictionary<string, string?>(Zoe()) { ["department"] = "  " };

        var again = SyncDecision.Redecide(new SyncPlanItem.DeleteInNotes(), SideState.Present(withEmptyNewField),
            SideState.Deleted, LinkOfZoe(), SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.DeleteInNotes(), again);
    }

    [Fact]
    public void A_record_that_changed_during_the_sync_counts_as_failed_and_nothing_else()
    {
        var counts = new SyncPlanItem.Skip(SkipReason.ChangedDuringSync).CountInto(ModuleCounts.Empty);

        Assert.Equal(new ModuleCounts(new DirectionCounts(), new DirectionCounts(), Failed: 1), counts);
    }
}
