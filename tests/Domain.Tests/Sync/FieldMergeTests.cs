using NotesSync.Domain.Links;
using NotesSync.Domain.Profiles;
using NotesSync.Domain.Runs;
using NotesSync.Domain.Sync;
using static NotesSync.Domain.Tests.Sync.Pairs;

namespace NotesSync.Domain.Tests.Sync;

public class FieldMergeTests
{
    public static TheoryData<SyncDirection, ConflictWinner> Profiles => EveryProfile();
    public static TheoryData<SyncDirection, ConflictWinner, SyncSide> ProfilesAndSides => EveryProfileAndSide();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_linked_pair_nobody_changed_is_skipped_as_unchanged(SyncDirection direction, ConflictWinner winner)
    {
        var item = Decide(Present(Zoe), Present(Zoe), LinkOf(Zoe), direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void White_space_around_a_value_is_no_change(SyncDirection direction, ConflictWinner winner)
    {
        var item = Decide(Present(Zoe.With("lastName", "  Dupont\t")), Present(Zoe.With("firstName", "\u00A0Zoë ")),
            LinkOf(Zoe), direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_missing_field_and_an_empty_one_are_no_change(SyncDirection direction, ConflictWinner winner)
    {
        var synced = Zoe.With("title", null);
        var withoutTitle = Zoe.ToDictionary();

        var item = Decide(Present(withoutTitle), Present(Zoe.With("title", "  ")), LinkOf(synced), direction, winner);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Theory]
    [MemberData(nameof(ProfilesAndSides))]
    public void A_field_changed_on_one_side_only_is_taken_from_that_side_where_the_profile_may_write(
        SyncDirection direction, ConflictWinner winner, SyncSide changedSide)
    {
        var (notes, crm) = Arrange(changedSide, Present(Zoe.With("lastName", "Dupont-Lefèvre")), Present(Zoe));

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(notes, crm, LinkOf(Zoe), direction, winner));

        var writesOtherSide = Writes(direction, changedSide.Other());
        var toOther = changedSide == SyncSide.Notes ? update.ToCrm : update.ToNotes;
        var toChanged = changedSide == SyncSide.Notes ? update.ToNotes : update.ToCrm;
        Assert.Equal(writesOtherSide ? Fields(("lastName", "Dupont-Lefèvre")) : [], toOther);
        Assert.Empty(toChanged);
        Assert.Empty(update.Conflicts);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Clearing_a_field_is_a_change_like_any_other(SyncDirection direction, ConflictWinner winner)
    {
        var update = Assert.IsType<SyncPlanItem.Update>(
            Decide(Present(Zoe.With("phone", "")), Present(Zoe), LinkOf(Zoe), direction, winner));

        Assert.Equal(Writes(direction, SyncSide.Crm) ? Fields(("phone", "")) : [], update.ToCrm);
        Assert.Empty(update.Conflicts);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Different_fields_changed_on_each_side_are_merged_without_conflict(
        SyncDirection direction, ConflictWinner winner)
    {
        var notes = Zoe.With("phone", "+33 6 00 00 00 01");
        var crm = Zoe.With("email", "zoe.dupont@acme.example");

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(Present(notes), Present(crm), LinkOf(Zoe), direction, winner));

        Assert.Equal(Writes(direction, SyncSide.Crm) ? Fields(("phone", "+33 6 00 00 00 01")) : [], update.ToCrm);
        Assert.Equal(Writes(direction, SyncSide.Notes) ? Fields(("email", "zoe.dupont@acme.example")) : [], update.ToNotes);
        Assert.Empty(update.Conflicts);
        if (direction == SyncDirection.TwoWay)
        {
            var merged = Zoe.With("phone", "+33 6 00 00 00 01").With("email", "zoe.dupont@acme.example");
            Assert.Equal(merged, update.Synced.Notes);
            Assert.Equal(merged, update.Synced.Crm);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_same_field_changed_to_the_same_value_on_both_sides_is_no_conflict_and_needs_no_write(
        SyncDirection direction, ConflictWinner winner)
    {
        var update = Assert.IsType<SyncPlanItem.Update>(Decide(
            Present(Zoe.With("lastName", "Durand")), Present(Zoe.With("lastName", " Durand ")), LinkOf(Zoe),
            direction, winner));

        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.Null(update.ConflictEntryFor(SyncModule.Contacts, "UNID1", "crm1"));
        // Nothing to write, but the link moves on to the new value.
        Assert.Equal("Durand", update.Synced.Notes["lastName"]);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_same_field_changed_to_different_values_is_won_by_the_profiles_winner_and_the_losing_value_is_logged(
        SyncDirection direction, ConflictWinner winner)
    {
        var notes = Zoe.With("lastName", "Dupont-Lefèvre").With("phone", "+33 6 00 00 00 01");
        var crm = Zoe.With("lastName", "Durand");

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(Present(notes), Present(crm), LinkOf(Zoe), direction, winner));

        var winnerSide = SideOf(winner);
        var loserSide = winnerSide.Other();
        var winningName = winnerSide == SyncSide.Notes ? "Dupont-Lefèvre" : "Durand";
        Assert.Equal([new ConflictField("lastName", "Dupont-Lefèvre", "Durand")], update.Conflicts);
        Assert.Equal(winnerSide, update.Winner);
        Assert.Same(loserSide == SyncSide.Notes ? notes : crm, update.LosingVersion);

        var toLoser = loserSide == SyncSide.Crm ? update.ToCrm : update.ToNotes;
        var loserAfter = loserSide == SyncSide.Crm ? update.Synced.Crm : update.Synced.Notes;
        if (Writes(direction, loserSide))
        {
            Assert.Equal(winningName, toLoser["lastName"]);
            Assert.Equal(winningName, loserAfter["lastName"]);
        }
        else
        {
            Assert.False(toLoser.ContainsKey("lastName"));
            Assert.Equal(loserSide == SyncSide.Notes ? "Dupont-Lefèvre" : "Durand", loserAfter["lastName"]);
        }
        // The field only Notes changed merges as usual beside the conflict.
        Assert.Equal(Writes(direction, SyncSide.Crm), update.ToCrm.ContainsKey("phone"));
    }

    [Theory]
    [InlineData(ConflictWinner.Crm, SyncSide.Crm)]
    [InlineData(ConflictWinner.Notes, SyncSide.Notes)]
    public void A_conflict_becomes_an_entry_of_the_runs_conflict_log_with_the_losing_version(
        ConflictWinner winner, SyncSide winnerSide)
    {
        var notes = Zoe.With("email", "zoe@dupont.example");
        var crm = Zoe.With("email", "z.dupont@acme.example");

        var update = Assert.IsType<SyncPlanItem.Update>(
            Decide(Present(notes), Present(crm), LinkOf(Zoe), SyncDirection.TwoWay, winner));
        var entry = update.ConflictEntryFor(SyncModule.Contacts, "UNID1", "crm1");

        Assert.NotNull(entry);
        Assert.Equal(winnerSide, entry.Winner);
        Assert.Equal([new ConflictField("email", "zoe@dupont.example", "z.dupont@acme.example")], entry.Fields);
        Assert.Equal(winnerSide == SyncSide.Crm ? notes : crm, entry.LosingVersion);
        Assert.Equal(("UNID1", "crm1", SyncModule.Contacts), (entry.NotesId, entry.CrmId, entry.Module));
    }

    // Values compare as fingerprints do: trimmed, with null and empty alike, otherwise ordinal (no case or Unicode
    // folding, so "Zoë" composed and decomposed are two values, as they are two fingerprints).
    [Theory]
    [InlineData("Zoë", "Zoe", false)]
    [InlineData("Zoë", "Zoë", true)]
    [InlineData("Zoë", "Zoe\u0308", false)]
    [InlineData("Straße", "Strasse", false)]
    [InlineData("dupont", "Dupont", false)]
    [InlineData("東京都千代田区", " 東京都千代田区 ", true)]
    [InlineData("Réunion 🎉", "Réunion 🎉", true)]
    [InlineData("Réunion 🎉", "Réunion 🎊", false)]
    [InlineData("\u00A0Zoë\u00A0", "Zoë", true)]
    [InlineData("ligne 1\nligne 2", "ligne 1\nligne 2\n", true)]
    [InlineData("ligne 1\nligne 2", "ligne 1 ligne 2", false)]
    [InlineData("", null, true)]
    [InlineData("   ", null, true)]
    [InlineData("\t\r\n", "", true)]
    [InlineData("0", "", false)]
    public void Values_compare_after_trimming_with_empty_and_missing_alike(string? notesValue, string? crmValue, bool same)
    {
        // Both sides changed the field: equal values need nothing, different ones conflict.
        var synced = Zoe.With("note", "avant");

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(
            Present(Zoe.With("note", notesValue)), Present(Zoe.With("note", crmValue)), LinkOf(synced),
            SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.Equal(same, update.Conflicts.Count == 0);
        Assert.Equal(same, update.WritesNothing);
        Assert.Equal(same, Fingerprint.Of(notesValue) == Fingerprint.Of(crmValue));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_field_the_link_never_synced_is_merged_like_a_first_match(SyncDirection direction, ConflictWinner winner)
    {
        // The mapping gained "title" and "mobile" since the pair was linked.
        var notes = Zoe.With("title", "Directrice").With("mobile", "+33 6 11 11 11 11");
        var crm = Zoe.With("title", "Directrice").With("mobile", null);

        var update = Assert.IsType<SyncPlanItem.Update>(Decide(Present(notes), Present(crm), LinkOf(Zoe), direction, winner));

        Assert.Empty(update.Conflicts);
        Assert.Equal(Writes(direction, SyncSide.Crm) ? Fields(("mobile", "+33 6 11 11 11 11")) : [], update.ToCrm);
        Assert.Empty(update.ToNotes);
        Assert.Equal("Directrice", update.Synced.Crm["title"]);
    }

    [Fact]
    public void A_field_the_link_never_synced_that_both_sides_leave_empty_only_catches_the_link_up()
    {
        var update = Assert.IsType<SyncPlanItem.Update>(Decide(
            Present(Zoe.With("title", null)), Present(Zoe.With("title", "")), LinkOf(Zoe),
            SyncDirection.TwoWay, ConflictWinner.Crm));

        Assert.True(update.WritesNothing);
        Assert.Empty(update.Conflicts);
        Assert.Contains("title", update.Synced.Crm.Keys);
    }

    [Fact]
    public void A_field_no_longer_mapped_is_not_a_change()
    {
        var link = LinkOf(Zoe.With("fax", "+33 1 00 00 00 00"));

        var item = Decide(Present(Zoe), Present(Zoe), link, SyncDirection.TwoWay, ConflictWinner.Crm);

        Assert.Equal(new SyncPlanItem.Skip(SkipReason.Unchanged), item);
    }

    [Fact]
    public void A_side_tells_whether_it_changed_since_the_link()
    {
        var link = LinkOf(Zoe);

        Assert.False(Present(Zoe.With("lastName", " Dupont ")).ChangedSince(link, SyncSide.Notes));
        Assert.True(Present(Zoe.With("lastName", "Durand")).ChangedSince(link, SyncSide.Crm));
        Assert.True(Present(Zoe.With("title", "Directrice")).ChangedSince(link, SyncSide.Crm));
        Assert.False(Present(Zoe.With("title", " ")).ChangedSince(link, SyncSide.Crm));
        Assert.False(SideState.Deleted.ChangedSince(link, SyncSide.Notes));
    }
}
